// The guard goes in before anything opens a socket: with outbound safety on, nothing here
// may leave loopback even if the dispatcher's own checks were broken.
import { installLoopbackGuard, probeGuard } from '@leadhooks/testing';
const guard = installLoopbackGuard();

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
import { lookupCompleted, saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, delivery, expectStatus, type DeliveryDetail } from './support/webhooks-api';

describe('outbound safety on (the production default)', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let api: ApiClient;
  let accountId: string;

  /** The delivery log of the one delivery of `eventId`, once it has an attempt. */
  const loggedDelivery = (eventId: string) =>
    waitFor(
      `the delivery of ${eventId}`,
      async () => {
        const list = (
          expectStatus(await api.get(`/v1/deliveries?event_id=${eventId}`), 200).body as {
            data: { id: string }[];
          }
        ).data;
        if (list.length === 0) return undefined;
        const found: DeliveryDetail | undefined = await delivery(api, list[0].id);
        return found !== undefined && found.status === 'dead' ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    const stopped = await probeGuard(guard);
    expect(stopped).not.toContain('not stopped');
    const namespace = uniqueName('dispatcher-safety');
    database = await createTestDatabase('dispatcher_safety');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (_req, res) => res.writeHead(200).end());
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
      },
      {
        ca: tls.ca,
        // A name whose DNS answer is loopback, as a rebinding attacker's would be.
        resolve: async (hostname) => {
          if (hostname === 'hooks.test') return [{ address: '127.0.0.1', family: 4 }];
          throw Object.assign(new Error(`no DNS in this test for ${hostname}`), {
            code: 'ENOTFOUND',
          });
        },
      },
    );
    const key = await service.createAccount('safety');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await database?.drop();
    guard.uninstall();
  });

  it.each([
    ['loopback IPv4', () => receiver.url('/v4')],
    ['loopback IPv6', () => `https://[::1]:${receiver.port}/v6`],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/'],
    ['a private address', () => 'https://10.0.0.1/hook'],
    ['a hostname that resolves to loopback', () => receiver.url('/named', 'hooks.test')],
  ])('refuses a webhook_url to %s, sends nothing and logs why', async (_what, url) => {
    const event = lookupCompleted(accountId, url());
    await upstream.lookup(event);
    const dead = await loggedDelivery(event.requestId);
    expect(dead.attempts_log).toHaveLength(1);
    expect(dead.attempts_log[0]).toMatchObject({
      error_kind: 'refused-address',
      status_code: null,
    });
    expect(dead.attempts_log[0].error_message).toMatch(
      /not a public address|loopback|private|link-local/i,
    );
    expect(receiver.connections()).toBe(0);
    expect(guard.violations).toEqual([]);
  });

  it('refuses a configured webhook whose hostname resolves to loopback, at delivery time', async () => {
    await createWebhook(api, { name: 'rebound', url: receiver.url('/configured', 'hooks.test') });
    const event = saveLeadEvent(accountId, 'rebound@example.test');
    await upstream.saveLead(event);
    const dead = await loggedDelivery(event.eventId);
    expect(dead.attempts_log[0].error_kind).toBe('refused-address');
    const letters = (
      expectStatus(await api.get('/v1/dead-letters'), 200).body as { data: { reason: string }[] }
    ).data;
    expect(letters.length).toBeGreaterThanOrEqual(1);
    expect(receiver.connections()).toBe(0);
    expect(guard.violations).toEqual([]);
  });

  it.each([
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://169.254.169.254/',
    'https://10.0.0.1/',
    'https://localhost/',
  ])('refuses to configure %s', async (url) => {
    const result = expectStatus(
      await api.post('/v1/webhooks', { name: uniqueName('literal'), url }),
      400,
    );
    expect(result.body).toMatchObject({ field: 'url' });
  });
});
