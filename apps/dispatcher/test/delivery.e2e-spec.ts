import { WebhookHeaders } from '@leadhooks/contracts';
import {
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type Receiver,
  type RecordedRequest,
  type TestDatabase,
} from '@leadhooks/testing';
import { verify } from '@leadhooks/webhook-signing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { lookupCompleted, saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, delivery, expectStatus, webhookSecret } from './support/webhooks-api';

const header = (request: RecordedRequest, name: string) => String(request.headers[name]);

describe('signed delivery of save_lead and webhook_url events', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let alice: ApiClient;
  let aliceId: string;
  let bob: ApiClient;
  let bobId: string;

  /** Requests whose body holds `marker` (each event gets its own email). */
  const requestsWith = (target: Receiver, marker: string) =>
    target.requests.filter((r) => r.body.toString().includes(marker));
  const waitForRequests = (target: Receiver, marker: string, count: number) =>
    waitFor(
      `${count} request(s) with ${marker}`,
      () => {
        const found = requestsWith(target, marker);
        return found.length >= count ? found : undefined;
      },
      { timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-delivery');
    database = await createTestDatabase('dispatcher_delivery');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (_req, res) => res.writeHead(204).end());
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        // Only this file's loopback receivers are called; the refusal specs run with it off.
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      },
      { ca: tls.ca },
    );
    const aliceKey = await service.createAccount('alice');
    const bobKey = await service.createAccount('bob');
    alice = apiClient(service.baseUrl, aliceKey.key);
    aliceId = aliceKey.accountId;
    bob = apiClient(service.baseUrl, bobKey.key);
    bobId = bobKey.accountId;
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('delivers the seed payload exactly, signed with the webhook secret, with its method and headers', async () => {
    const webhook = await createWebhook(alice, {
      name: 'Lead Tracking Webhook',
      url: receiver.url('/alice'),
      method: 'PUT',
      headers: { Authorization: 'Bearer token-1', 'X-Tenant': 'alice' },
    });
    const secret = await webhookSecret(alice, webhook.id);
    const event = saveLeadEvent(aliceId, 'exact@example.test');
    await upstream.saveLead(event);

    const [request] = await waitForRequests(receiver, 'exact@example.test', 1);
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/alice');
    expect(request.body.toString('utf8')).toBe(JSON.stringify({ data: event.payload.data }));
    expect(JSON.parse(request.body.toString('utf8'))).toEqual({
      data: {
        email: 'exact@example.test',
        website: 'https://example.test',
        company: 'Analytical Engines',
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+44 20 7946 0000',
        position: 'CTO',
        twitter: '@ada',
        linkedin: 'https://linkedin.test/in/ada',
        notes: null,
        score: 87,
      },
    });
    expect(header(request, 'content-type')).toBe('application/json');
    expect(header(request, WebhookHeaders.eventType)).toBe('save_lead');
    expect(header(request, 'authorization')).toBe('Bearer token-1');
    expect(header(request, 'x-tenant')).toBe('alice');
    expect(verify({ headers: request.headers, body: request.body, secret })).toMatchObject({
      ok: true,
      id: header(request, WebhookHeaders.id),
    });

    const logged = await waitFor('the delivered status', async () => {
      const found = await delivery(alice, header(request, WebhookHeaders.id));
      return found?.status === 'delivered' ? found : undefined;
    });
    expect(logged.attempts_log).toMatchObject([
      { attempt_number: 1, status_code: 204, error_kind: null },
    ]);
  });

  it('signs with both secrets while a rotation overlaps', async () => {
    const webhook = await createWebhook(alice, {
      name: 'rotating',
      url: receiver.url('/rotating'),
    });
    const oldSecret = await webhookSecret(alice, webhook.id);
    const rotated = expectStatus(
      await alice.post(`/v1/webhooks/${webhook.id}/secret/rotate`, {}),
      200,
    ).body as { secret: string };
    await upstream.saveLead(saveLeadEvent(aliceId, 'rotation@example.test'));

    const requests = await waitForRequests(receiver, 'rotation@example.test', 2);
    // Both alice webhooks get the event; the rotated one is the request to /rotating.
    const request = requests.find((r) => r.url === '/rotating');
    if (request === undefined) throw new Error('no request reached /rotating');
    expect(header(request, WebhookHeaders.signature).split(' ')).toHaveLength(2);
    expect(
      verify({ headers: request.headers, body: request.body, secret: rotated.secret }).ok,
    ).toBe(true);
    expect(verify({ headers: request.headers, body: request.body, secret: oldSecret }).ok).toBe(
      true,
    );
  });

  it("never delivers account B's leads to account A's webhooks", async () => {
    const bobReceiver = await startHttpsReceiver(tls, (_req, res) => res.writeHead(200).end());
    try {
      await createWebhook(bob, { name: 'bob-hook', url: bobReceiver.url('/bob') });
      await upstream.saveLead(saveLeadEvent(bobId, 'bob-only@example.test'));
      await upstream.saveLead(saveLeadEvent(aliceId, 'after-bob@example.test'));
      await waitForRequests(bobReceiver, 'bob-only@example.test', 1);
      await waitForRequests(receiver, 'after-bob@example.test', 1);
      expect(requestsWith(receiver, 'bob-only@example.test')).toHaveLength(0);
      expect(requestsWith(bobReceiver, 'after-bob@example.test')).toHaveLength(0);
    } finally {
      await bobReceiver.close();
    }
  });

  it('sends nothing to disabled webhooks or to those not subscribed', async () => {
    const off = await startHttpsReceiver(tls, (_req, res) => res.writeHead(200).end());
    try {
      await createWebhook(bob, { name: 'disabled', url: off.url('/off'), enabled: false });
      await upstream.saveLead(saveLeadEvent(bobId, 'not-for-disabled@example.test'));
      // Bob's enabled webhook (from the previous test) getting it shows the fan-out ran.
      await waitFor(
        'the fan-out of the event',
        async () => {
          const result = await bob.get('/v1/deliveries');
          const rows = (result.body as { data: unknown[] }).data;
          return rows.length >= 2 ? rows : undefined;
        },
        { timeoutMs: 30_000 },
      );
      expect(off.requests).toHaveLength(0);
    } finally {
      await off.close();
    }
  });

  it('sends a sample save_lead on request ("send a test event")', async () => {
    const webhook = await createWebhook(alice, { name: 'tested', url: receiver.url('/tested') });
    const secret = await webhookSecret(alice, webhook.id);
    const result = expectStatus(await alice.post(`/v1/webhooks/${webhook.id}/test`, {}), 202)
      .body as { delivery_id: string };
    const request = await waitFor('the test event', () =>
      receiver.requests.find((r) => r.url === '/tested'),
    );
    expect(header(request, WebhookHeaders.id)).toBe(result.delivery_id);
    expect(
      Object.keys((JSON.parse(request.body.toString()) as { data: object }).data),
    ).toHaveLength(11);
    expect(verify({ headers: request.headers, body: request.body, secret }).ok).toBe(true);
  });

  it("posts a lookup's response body verbatim to its webhook_url, signed with the account's secret", async () => {
    const event = lookupCompleted(aliceId, receiver.url('/adhoc?ref=1'));
    await upstream.lookup(event);
    const request = await waitFor(
      'the webhook_url delivery',
      () => receiver.requests.find((r) => r.url === '/adhoc?ref=1'),
      {
        timeoutMs: 30_000,
      },
    );
    const { secret } = expectStatus(await alice.get('/v1/webhook-url/secret'), 200).body as {
      secret: string;
    };
    expect(request.method).toBe('POST');
    expect(request.body.toString()).toBe(JSON.stringify(event.body));
    expect(header(request, WebhookHeaders.eventType)).toBe('lookup.completed');
    expect(verify({ headers: request.headers, body: request.body, secret }).ok).toBe(true);
  });
});
