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
import { verify } from '@leadhooks/webhook-signing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { lookupCompleted, saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, delivery, expectStatus } from './support/webhooks-api';

describe('resending deliveries, and rotating the webhook_url secret', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let api: ApiClient;
  let other: ApiClient;
  let accountId: string;

  const requestsTo = (path: string) => receiver.requests.filter((r) => r.url === path);
  const arrived = (path: string, count: number) =>
    waitFor(`${count} requests to ${path}`, () =>
      requestsTo(path).length >= count ? requestsTo(path) : undefined,
    );
  const delivered = (id: string, attempts: number) =>
    waitFor(`delivery ${id} delivered ${attempts}x`, async () => {
      const found = await delivery(api, id);
      return found?.status === 'delivered' && found.attempts_log.length >= attempts
        ? found
        : undefined;
    });

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-resend');
    database = await createTestDatabase('dispatcher_resend');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      },
      { ca: tls.ca },
    );
    receiver = await startHttpsReceiver(tls, (_req, res) => res.writeHead(204).end());
    const key = await service.createAccount('resend');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
    other = apiClient(service.baseUrl, (await service.createAccount('other')).key);
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('resends a delivered message with the same webhook-id, logged as its next attempt, once per Idempotency-Key', async () => {
    await createWebhook(api, { name: 'one', url: receiver.url('/one') });
    await upstream.saveLead(saveLeadEvent(accountId, 'one@example.test'));
    const [first] = await arrived('/one', 1);
    const id = String(first.headers[WebhookHeaders.id]);
    await delivered(id, 1);

    const headers = { 'idempotency-key': `resend-${id}` };
    const answer = expectStatus(
      await api.post(`/v1/deliveries/${id}/resend`, {}, { headers }),
      202,
    );
    const again = expectStatus(await api.post(`/v1/deliveries/${id}/resend`, {}, { headers }), 202);
    expect(again.body).toEqual(answer.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(answer.body).toEqual({ resent: 1, next_cursor: null });
    const resent = await delivered(id, 2);
    expect(resent.attempts_log.map((a) => a.attempt_number)).toEqual([1, 2]);
    expect(resent.attempts).toBe(2);

    // A second key sends once more: the replayed answer above sent nothing.
    const headers2 = { 'idempotency-key': `resend-${id}-2` };
    expectStatus(await api.post(`/v1/deliveries/${id}/resend`, {}, { headers: headers2 }), 202);
    const all = await arrived('/one', 3);
    await delivered(id, 3);
    expect(requestsTo('/one')).toHaveLength(3);
    expect(all.map((r) => r.headers[WebhookHeaders.id])).toEqual([id, id, id]);
  });

  it('resends in bulk by filter, with the count, and nothing of another account', async () => {
    const webhook = await createWebhook(api, { name: 'bulk', url: receiver.url('/bulk') });
    await upstream.saveLead(
      ...['a', 'b', 'c'].map((n) => saveLeadEvent(accountId, `${n}@example.test`)),
    );
    const firsts = await arrived('/bulk', 3);
    for (const r of firsts) await delivered(String(r.headers[WebhookHeaders.id]), 1);

    const none = await api.post('/v1/deliveries/resend', {
      webhook_id: webhook.id,
      status: 'dead',
    });
    expect(expectStatus(none, 202).body).toEqual({ resent: 0, next_cursor: null });
    const notMine = await other.post('/v1/deliveries/resend', { webhook_id: webhook.id });
    expect(expectStatus(notMine, 202).body).toEqual({ resent: 0, next_cursor: null });
    const bulk = await api.post('/v1/deliveries/resend', {
      webhook_id: webhook.id,
      status: 'delivered',
      event_type: 'save_lead',
      from: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expect(expectStatus(bulk, 202).body).toEqual({ resent: 3, next_cursor: null });
    const all = await arrived('/bulk', 6);
    expect(new Set(all.map((r) => r.headers[WebhookHeaders.id])).size).toBe(3);
  });

  it('rotates the webhook_url secret: both secrets sign during the overlap', async () => {
    const before = expectStatus(await api.get('/v1/webhook-url/secret'), 200).body as {
      secret: string;
    };
    await upstream.lookup(lookupCompleted(accountId, receiver.url('/adhoc')));
    const [first] = await arrived('/adhoc', 1);
    const id = String(first.headers[WebhookHeaders.id]);
    await delivered(id, 1);

    const rotated = expectStatus(await api.post('/v1/webhook-url/secret/rotate', {}), 200).body as {
      secret: string;
      previous_secret_expires_at: string;
    };
    expect(rotated.secret).not.toBe(before.secret);
    const overlapHours = (Date.parse(rotated.previous_secret_expires_at) - Date.now()) / 3_600_000;
    expect(overlapHours).toBeGreaterThan(23.9);
    expect(overlapHours).toBeLessThanOrEqual(24);
    expect(expectStatus(await api.get('/v1/webhook-url/secret'), 200).body).toEqual({
      secret: rotated.secret,
    });

    expectStatus(await api.post(`/v1/deliveries/${id}/resend`, {}), 202);
    const [, second] = await arrived('/adhoc', 2);
    expect(String(second.headers[WebhookHeaders.signature]).split(' ')).toHaveLength(2);
    for (const secret of [rotated.secret, before.secret])
      expect(verify({ headers: second.headers, body: second.body, secret })).toMatchObject({
        ok: true,
        id,
      });
  });

  it('creates one webhook per Idempotency-Key: the same answer again, 422 for another body', async () => {
    const headers = { 'idempotency-key': 'create-webhook-1' };
    const body = { name: 'once', url: 'https://once.example.test/hook' };
    const created = expectStatus(await api.post('/v1/webhooks', body, { headers }), 201);
    const again = expectStatus(
      await api.post('/v1/webhooks', { url: body.url, name: body.name }, { headers }),
      201,
    );
    expect(again.body).toEqual(created.body);
    const changed = await api.post('/v1/webhooks', { ...body, name: 'twice' }, { headers });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({
      code: 'idempotency_key_reused',
      field: 'Idempotency-Key',
      message: expect.stringContaining('different request'),
    });
    // Per account: the other account's same key is its own.
    expectStatus(await other.post('/v1/webhooks', body, { headers }), 201);
    const listed = expectStatus(await api.get('/v1/webhooks'), 200).body as {
      data: { name: string }[];
    };
    expect(listed.data.filter((w) => w.name === 'once' || w.name === 'twice')).toHaveLength(1);
    const bad = await api.post('/v1/webhooks', body, { headers: { 'idempotency-key': 'a b' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'Idempotency-Key' });
  });

  it.each([
    ['an id of another form', '/v1/deliveries/x/resend', {}, 400, 'id'],
    ['a NUL as id', '/v1/deliveries/%00/resend', {}, 400, 'id'],
    ['a status still in flight', '/v1/deliveries/resend', { status: 'retrying' }, 400, 'status'],
    ['an unknown filter', '/v1/deliveries/resend', { limit: 5 }, 400, undefined],
    ['a cursor not ours', '/v1/deliveries/resend', { cursor: 'bm90IG91cnM' }, 400, 'cursor'],
    [
      'a webhook_id not a UUID',
      '/v1/deliveries/resend',
      { webhook_id: "1' OR 1=1" },
      400,
      'webhook_id',
    ],
    ['a NUL in event_type', '/v1/deliveries/resend', { event_type: 'a\u0000' }, 400, 'event_type'],
  ])('refuses %s with a clear 4xx', async (_case, path, body, status, field) => {
    const result = await api.post(path, body);
    expect(result.status).toBe(status);
    if (field !== undefined) expect(result.body).toMatchObject({ field });
  });

  it('answers 404 for an unknown delivery or another account’s, and 401 without a key', async () => {
    const missing = await api.post('/v1/deliveries/msg_aaaaaaaaaaaaaaaaaaaaaaaaaa/resend', {});
    expect(missing.status).toBe(404);
    const [first] = await arrived('/one', 1);
    const id = String(first.headers[WebhookHeaders.id]);
    expect((await other.post(`/v1/deliveries/${id}/resend`, {})).status).toBe(404);
    expect((await apiClient(service.baseUrl).post(`/v1/deliveries/${id}/resend`, {})).status).toBe(
      401,
    );
  });
});
