import { WebhookHeaders } from '@leadhooks/contracts';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { startTcpOutage, type TcpOutage } from './support/tcp-outage';
import { createWebhook, delivery, type DeliveryDetail } from './support/webhooks-api';

const events = 20;
const retryDelayMs = 1_500;
const outageMs = 5_000;

/**
 * Issue 16 item 4: Postgres goes away while retries are in flight. The receiver's answers
 * must end up in the log exactly as it gave them, and nothing may be sent again because
 * the log could not be written.
 */
describe('a Postgres outage while retries are in flight', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let postgres: TcpOutage;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let api: ApiClient;
  let accountId: string;
  /** Requests per webhook-id, in the order they came. */
  const seen = new Map<string, number[]>();
  let outage: Promise<unknown> | undefined;

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-pg-outage');
    database = await createTestDatabase('dispatcher_pg_outage');
    const url = new URL(database.url);
    postgres = await startTcpOutage({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(postgres.port);
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    // Fails each delivery's first attempt and answers 200 to the next. The first retry to
    // arrive takes Postgres away before it is answered: every retry is then in flight while
    // its outcome cannot be written, and its 200 has to be recorded once Postgres is back.
    receiver = await startHttpsReceiver(tls, (req, res) => {
      const id = String(req.headers[WebhookHeaders.id]);
      const times = seen.get(id) ?? [];
      times.push(Date.now());
      seen.set(id, times);
      if (times.length === 1) return void res.writeHead(500).end();
      outage ??= postgres.down().then(() => {
        setTimeout(() => void postgres.up(), outageMs);
      });
      void outage.then(() => res.writeHead(200).end());
    });
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: url.toString(),
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: `${retryDelayMs}ms,${retryDelayMs}ms,${retryDelayMs}ms`,
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        // The retry finds its webhook in the cache while Postgres is away, so it is sent.
        DISPATCHER_WEBHOOK_CACHE_MS: '10000',
        DISPATCHER_RETRY_POLL_MS: '100',
      },
      { ca: tls.ca },
    );
    const key = await service.createAccount('pg-outage');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
  });

  afterAll(async () => {
    await postgres?.up();
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await postgres?.close();
    await database?.drop();
  });

  it('records every answer once, and never sends again because the log was down', async () => {
    await createWebhook(api, { name: 'flaky', url: receiver.url('/flaky') });
    await upstream.saveLead(
      ...Array.from({ length: events }, (_, i) =>
        saveLeadEvent(accountId, `outage-${i}@example.test`),
      ),
    );
    await waitFor(
      'the outage, during the retries',
      () => (outage !== undefined && seen.size === events ? true : undefined),
      { timeoutMs: 30_000 },
    );
    const ids = [...seen.keys()];
    // Postgres is back after `outageMs`; every outcome recorded by then or soon after.
    const settled = await waitFor(
      'every delivery settled after the outage',
      async () => {
        const logged = await Promise.all(ids.map((id) => delivery(api, id).catch(() => undefined)));
        return logged.every((found) => found?.status === 'delivered')
          ? (logged as DeliveryDetail[])
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    for (const found of settled) {
      const sends = seen.get(found.id) ?? [];
      // Exactly what the receiver saw: a 500, then a 200; nothing sent twice.
      expect({ id: found.id, sends: sends.length }).toEqual({ id: found.id, sends: 2 });
      expect(sends[1] - sends[0]).toBeGreaterThanOrEqual(retryDelayMs);
      expect(found.attempts_log.map((attempt) => attempt.status_code)).toEqual([500, 200]);
      expect(found.attempts).toBe(2);
    }
  });
});
