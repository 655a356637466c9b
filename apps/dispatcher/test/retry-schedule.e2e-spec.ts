import { WebhookHeaders } from '@leadhooks/contracts';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  expectStatus,
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
import { createWebhook, delivery, type DeliveryDetail } from './support/webhooks-api';

/** Standard Webhooks: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts over ~28 h). */
const standardSchedule = ['5s', '5m', '30m', '2h', '5h', '10h', '10h'];
const standardMs = [5e3, 3e5, 1.8e6, 7.2e6, 1.8e7, 3.6e7, 3.6e7];
/** The schedule runs 10 000 times faster here: ~10 s in all. */
const divisor = 10_000;

/** Issue 16 item 3: a webhook's own retry schedule. */
describe('a per-webhook retry schedule', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let failing: Receiver;
  let api: ApiClient;
  let accountId: string;
  const arrivals: number[] = [];

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-schedule');
    database = await createTestDatabase('dispatcher_schedule');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    failing = await startHttpsReceiver(tls, (_req, res) => {
      arrivals.push(Date.now());
      res.writeHead(500).end();
    });
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        WEBHOOK_RETRY_SCHEDULE_DIVISOR: String(divisor),
        DISPATCHER_RETRY_POLL_MS: '100',
      },
      { ca: tls.ca },
    );
    const key = await service.createAccount('schedule');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await failing?.close();
    await database?.drop();
  });

  it('shows the schedule, and null (the default) when none was given', async () => {
    const own = await createWebhook(api, {
      name: 'own',
      url: 'https://a.example.com/',
      retry_schedule: standardSchedule,
    });
    expect(own).toMatchObject({ retry_schedule: standardSchedule });
    const plain = await createWebhook(api, { name: 'plain', url: 'https://a.example.com/' });
    expect(plain).toMatchObject({ retry_schedule: null });
    const changed = expectStatus(
      await api.patch(`/v1/webhooks/${plain.id}`, { retry_schedule: ['1m', '90s'] }),
      200,
    ).body;
    expect(changed).toMatchObject({ retry_schedule: ['1m', '90s'] });
    const reset = expectStatus(
      await api.patch(`/v1/webhooks/${plain.id}`, { retry_schedule: null }),
      200,
    ).body;
    expect(reset).toMatchObject({ retry_schedule: null });
  });

  it.each<[string, unknown, string, string]>([
    ['eight retries', ['1s', '1s', '1s', '1s', '1s', '1s', '1s', '1s'], 'retry_schedule', '7'],
    ['more than 3 days', ['24h', '24h', '24h', '1m'], 'retry_schedule', '3 days'],
    ['a word', ['5s', 'later'], 'retry_schedule.1', '"later"'],
    ['under a second', ['100ms'], 'retry_schedule.0', '"100ms"'],
    ['a number', [5], 'retry_schedule.0', 'string'],
    ['a string', '5s,5m', 'retry_schedule', 'array'],
    ['an empty list', [], 'retry_schedule', 'at least one'],
  ])('refuses %s with a 400 naming the field', async (_what, schedule, field, words) => {
    const refused = expectStatus(
      await api.post('/v1/webhooks', {
        name: uniqueName('bad'),
        url: 'https://a.example.com/',
        retry_schedule: schedule,
      }),
      400,
    );
    expect(refused.body).toMatchObject({ field });
    expect((refused.body as { message: string }).message).toContain(words);
  });

  it("makes exactly 8 attempts at the schedule's gaps, then dead-letters", async () => {
    await createWebhook(api, {
      name: 'standard',
      url: failing.url('/standard'),
      retry_schedule: standardSchedule,
    });
    await upstream.saveLead(saveLeadEvent(accountId, 'schedule@example.test'));
    const dead = await waitFor(
      'the dead letter',
      async () => {
        const id = failing.requests[0]?.headers[WebhookHeaders.id];
        const found = id === undefined ? undefined : await delivery(api, String(id));
        return found?.status === 'dead' ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    // Nothing after the dead letter.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(failing.requests).toHaveLength(8);
    expect((dead as DeliveryDetail).attempts_log).toHaveLength(8);
    expect(dead).toMatchObject({ retry_schedule: '1ms,30ms,180ms,720ms,1800ms,3600ms,3600ms' });
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
    standardMs.forEach((ms, i) => {
      // Due when the attempt's answer came plus the delay, so never sooner; late by < 1 s.
      expect(gaps[i]).toBeGreaterThanOrEqual(Math.round(ms / divisor));
      expect(gaps[i]).toBeLessThan(ms / divisor + 1_000);
    });
  });
});
