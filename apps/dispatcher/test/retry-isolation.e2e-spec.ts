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
  type ReceiverHandler,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook } from './support/webhooks-api';

const retryDelayMs = 3_000;
const retryAfterSeconds = 300;
const timeoutMs = 20_000;
const healthyDeliveries = 50;
/**
 * More than twice the per-endpoint cap (8): the hanging endpoint's due retries beyond it
 * are moved back to a tier, not left to fill the partition's window.
 */
const hostileEvents = 24;

/** Arrival times per webhook-id, and a handler answering by how many came before. */
function recording(answer: (attempt: number) => number | 'hang', headers = {}) {
  const seen = new Map<string, number[]>();
  const handler: ReceiverHandler = (req, res) => {
    const id = String(req.headers[WebhookHeaders.id]);
    const times = seen.get(id) ?? [];
    times.push(Date.now());
    seen.set(id, times);
    const status = answer(times.length);
    if (status !== 'hang') res.writeHead(status, headers).end();
  };
  return { seen, handler };
}

/**
 * Issue 16, "Judged by" first bullet: one account's Retry-After and hanging endpoint
 * share every retry partition with another account's retries (one partition per topic,
 * the worst case), and the other account's retries still go out on time.
 */
describe('retries in due order, isolated per endpoint', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  const receivers: Receiver[] = [];
  let apiA: ApiClient;
  let apiB: ApiClient;
  let accountA: string;
  let accountB: string;
  const later = recording(() => 503, { 'retry-after': String(retryAfterSeconds) });
  const hanging = recording((attempt) => (attempt === 1 ? 500 : 'hang'));
  const healthy = recording((attempt) => (attempt === 1 ? 500 : 200));

  const receiver = async (handler: ReceiverHandler) => {
    const started = await startHttpsReceiver(tls, handler);
    receivers.push(started);
    return started;
  };

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-retry-isolation');
    database = await createTestDatabase('dispatcher_retry_isolation');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace, {
      busyPartitions: 1,
      partitions: 1,
    });
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: `${retryDelayMs}ms,${retryDelayMs}ms,${retryDelayMs}ms`,
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        WEBHOOK_RETRY_AFTER_MAX: '10m',
        WEBHOOK_TIMEOUT_MS: String(timeoutMs),
        DISPATCHER_RETRY_POLL_MS: '100',
        DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION: '64',
        DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT: '8',
      },
      { ca: tls.ca },
    );
    const keyA = await service.createAccount('hostile');
    const keyB = await service.createAccount('healthy');
    apiA = apiClient(service.baseUrl, keyA.key);
    apiB = apiClient(service.baseUrl, keyB.key);
    accountA = keyA.accountId;
    accountB = keyB.accountId;
  });

  afterAll(async () => {
    await upstream?.close();
    // Dropping the hanging connections ends the attempts in progress, so the app stops at once.
    for (const started of receivers) await started.close();
    await service?.close();
    await database?.drop();
  });

  it("attempts B's retries within 2 s of their due time, and A's not before theirs", async () => {
    await createWebhook(apiA, { name: 'later', url: (await receiver(later.handler)).url('/l') });
    await createWebhook(apiA, { name: 'hangs', url: (await receiver(hanging.handler)).url('/h') });
    await createWebhook(apiB, { name: 'healthy', url: (await receiver(healthy.handler)).url('/') });
    // A's first: in every partition, A's retries sit ahead of B's.
    await upstream.saveLead(
      ...Array.from({ length: hostileEvents }, (_, i) => saveLeadEvent(accountA, `a${i}@x.test`)),
    );
    await waitFor('A failed first', () => (hanging.seen.size === hostileEvents ? true : undefined));
    await upstream.saveLead(
      ...Array.from({ length: healthyDeliveries }, (_, i) =>
        saveLeadEvent(accountB, `b${i}@x.test`),
      ),
    );

    await waitFor(
      `${healthyDeliveries} retries to B`,
      () =>
        healthy.seen.size === healthyDeliveries &&
        [...healthy.seen.values()].every((times) => times.length >= 2)
          ? true
          : undefined,
      { timeoutMs: 30_000, intervalMs: 20 },
    );
    // Due at the end of the first attempt plus the delay, which is no sooner than its
    // arrival plus the delay: measured from the arrival, lateness is if anything overstated.
    const lateness = [...healthy.seen.values()].map(
      ([first, second]) => second - (first + retryDelayMs),
    );
    expect(Math.max(...lateness)).toBeLessThan(2_000);
    expect(Math.min(...lateness)).toBeGreaterThanOrEqual(-50);
    // Every hanging retry is in progress (each endpoint holds only its own slots).
    expect([...hanging.seen.values()].every((times) => times.length <= 2)).toBe(true);
    // A's Retry-After is 5 minutes away: none of its retries has been attempted.
    expect(later.seen.size).toBe(hostileEvents);
    expect([...later.seen.values()].every((times) => times.length === 1)).toBe(true);
  });
});
