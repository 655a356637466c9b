import { WebhookHeaders } from '@leadhooks/contracts';
import {
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { apiClient } from '@leadhooks/testing';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook } from './support/webhooks-api';

const eventCount = 400;

describe('two dispatcher instances in one consumer group', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let first: DispatcherTestApp;
  let second: DispatcherTestApp | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-scale');
    database = await createTestDatabase('dispatcher_scale');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    // A few milliseconds per request, so the run is still going when an instance leaves.
    receiver = await startHttpsReceiver(tls, (_req, res) =>
      setTimeout(() => res.writeHead(200).end(), 5),
    );
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      KAFKA_CLIENT_ID: 'dispatcher-1',
    };
    first = await startDispatcherTestApp(env, { ca: tls.ca });
    second = await startDispatcherTestApp(
      { ...env, KAFKA_CLIENT_ID: 'dispatcher-2' },
      { ca: tls.ca },
    );
  });

  afterAll(async () => {
    await upstream?.close();
    await second?.close();
    await first?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('deliver everything when one of them leaves mid-run', async () => {
    const key = await first.createAccount('scale');
    const api = apiClient(first.baseUrl, key.key);
    await createWebhook(api, { name: 'scale', url: receiver.url('/scale') });
    const events = Array.from({ length: eventCount }, (_, i) =>
      saveLeadEvent(key.accountId, `scale-${i}@example.test`),
    );
    for (let i = 0; i < events.length; i += 50) await upstream.saveLead(...events.slice(i, i + 50));

    const distinct = () =>
      new Set(receiver.requests.map((r) => String(r.headers[WebhookHeaders.id]))).size;
    await waitFor('some deliveries', () => (distinct() >= eventCount / 4 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 10,
    });
    // A graceful leave: its records in progress finish and commit, its partitions move.
    await second?.close();
    second = undefined;
    await waitFor('every delivery', () => (distinct() >= eventCount ? true : undefined), {
      timeoutMs: 90_000,
      intervalMs: 100,
    });

    const delivered = async () =>
      (
        (await first.dataSource.query(
          `SELECT count(*)::int AS n FROM dispatcher.delivery WHERE status = 'delivered'`,
        )) as {
          n: number;
        }[]
      )[0].n;
    await waitFor(
      'every delivery logged',
      async () => ((await delivered()) === eventCount ? true : undefined),
      {
        timeoutMs: 30_000,
      },
    );
    expect(distinct()).toBe(eventCount);
  }, 180_000);
});
