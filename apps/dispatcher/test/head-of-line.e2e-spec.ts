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
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook } from './support/webhooks-api';

const timeoutMs = 6_000;
const events = 20;

describe('no head-of-line blocking', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let hanging: Receiver;
  let fast: Receiver;
  let api: ApiClient;
  let accountId: string;

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-hol');
    database = await createTestDatabase('dispatcher_hol');
    // One partition for webhooks.deliveries: both endpoints share it, the worst case.
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace, { busyPartitions: 1 });
    hanging = await startHttpsReceiver(tls, () => undefined);
    fast = await startHttpsReceiver(tls, (_req, res) => res.writeHead(200).end());
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_TIMEOUT_MS: String(timeoutMs),
        DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION: '32',
        DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT: '4',
      },
      { ca: tls.ca },
    );
    const key = await service.createAccount('hol');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
  });

  afterAll(async () => {
    await upstream?.close();
    // Dropping the hanging connections ends the attempts in progress, so the app stops at once.
    await hanging?.close();
    await service?.close();
    await fast?.close();
    await database?.drop();
  });

  it('delivers to a healthy endpoint while another endpoint in the same partition hangs', async () => {
    // Created first, so every event's delivery to the hanging endpoint is ahead of the fast one's.
    await createWebhook(api, { name: 'hanging', url: hanging.url('/hang') });
    await createWebhook(api, { name: 'fast', url: fast.url('/fast') });
    const published = Date.now();
    await upstream.saveLead(
      ...Array.from({ length: events }, (_, i) =>
        saveLeadEvent(accountId, `hol-${i}@example.test`),
      ),
    );

    const arrivals: number[] = [];
    fast.requests.length = 0;
    await waitFor(
      `${events} deliveries to the fast endpoint`,
      () => {
        while (arrivals.length < fast.requests.length) arrivals.push(Date.now());
        return fast.requests.length >= events ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 20 },
    );

    // The bound (apps/dispatcher/README.md): with the hanging endpoint's records within the
    // window, the healthy endpoint never waits for a hanging attempt to time out. All 20
    // arrived before the first hanging attempt (started at about `published`) could end.
    const lastArrival = Math.max(...arrivals);
    expect(lastArrival - published).toBeLessThan(timeoutMs);
    // The hanging endpoint got at most its cap of attempts at once.
    expect(hanging.requests.length).toBeLessThanOrEqual(4);
  });
});
