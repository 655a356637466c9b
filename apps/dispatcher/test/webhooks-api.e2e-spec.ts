import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  type TestDatabase,
} from '@leadhooks/testing';
import { apiClient, type ApiClient, type HttpResult } from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';

interface Webhook {
  id: string;
  name: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  enabled: boolean;
  disabled_reason: string | null;
  events: string[];
}

function expectStatus(result: HttpResult, status: number): HttpResult {
  if (result.status !== status)
    throw new Error(
      `expected HTTP ${status}, got ${result.status}: ${JSON.stringify(result.body)}`,
    );
  return result;
}

describe('webhook configuration API', () => {
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let alice: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('dispatcher_api');
    service = await startDispatcherTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-api'),
      DISPATCHER_CONSUMERS: 'none',
    });
    alice = apiClient(service.baseUrl, (await service.createAccount('alice')).key);
    bob = apiClient(service.baseUrl, (await service.createAccount('bob')).key, 'x-api-key');
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const create = async (client: ApiClient, body: Record<string, unknown>) =>
    expectStatus(await client.post('/v1/webhooks', body), 201).body as Webhook;

  it('creates a webhook with the seed defaults (POST, enabled, save_lead) and masks header values', async () => {
    const webhook = await create(alice, {
      name: 'Lead Tracking Webhook',
      url: 'https://hooks.example.com/leads',
      headers: { Authorization: 'Bearer s3cret' },
    });
    expect(webhook).toMatchObject({
      name: 'Lead Tracking Webhook',
      url: 'https://hooks.example.com/leads',
      method: 'POST',
      enabled: true,
      events: ['save_lead'],
      headers: { Authorization: '********' },
    });
    const fetched = expectStatus(await alice.get(`/v1/webhooks/${webhook.id}`), 200)
      .body as Webhook;
    expect(fetched.headers).toEqual({ Authorization: '********' });
    expect(JSON.stringify(fetched)).not.toContain('s3cret');
    const listed = expectStatus(await alice.get('/v1/webhooks'), 200).body as { data: Webhook[] };
    expect(JSON.stringify(listed)).not.toContain('s3cret');
  });

  it('answers 409 for a duplicate name in one account, and allows it in another', async () => {
    await create(alice, { name: 'dup', url: 'https://a.example.com/' });
    const again = expectStatus(
      await alice.post('/v1/webhooks', { name: 'dup', url: 'https://b.example.com/' }),
      409,
    );
    expect(again.body).toMatchObject({ statusCode: 409, code: 'conflict', field: 'name' });
    await create(bob, { name: 'dup', url: 'https://b.example.com/' });
  });

  it('accepts PUT and PATCH and refuses other methods with a reason', async () => {
    expect(
      (await create(alice, { name: 'put', url: 'https://a.example.com/', method: 'PUT' })).method,
    ).toBe('PUT');
    expect(
      (await create(alice, { name: 'patch', url: 'https://a.example.com/', method: 'patch' }))
        .method,
    ).toBe('PATCH');
    const refused = expectStatus(
      await alice.post('/v1/webhooks', {
        name: 'get',
        url: 'https://a.example.com/',
        method: 'GET',
      }),
      400,
    );
    expect(refused.body).toMatchObject({ field: 'method' });
    expect((refused.body as { message: string }).message).toContain('POST, PUT, PATCH');
  });

  it.each([
    ['plain http', { url: 'http://a.example.com/' }, 'url', 'https:'],
    [
      'credentials in the URL',
      { url: 'https://user:pw@a.example.com/' },
      'url',
      'username or password',
    ],
    ['a too long URL', { url: `https://a.example.com/${'x'.repeat(2100)}` }, 'url', 'at most 2048'],
    ['a loopback URL', { url: 'https://127.0.0.1/' }, 'url', 'not a public address'],
    ['localhost', { url: 'https://localhost/' }, 'url', 'loopback'],
    [
      'an unknown event',
      { url: 'https://a.example.com/', events: ['delete_lead'] },
      'events.0',
      'save_lead',
    ],
    [
      'the Host header',
      { url: 'https://a.example.com/', headers: { Host: 'x' } },
      'headers.Host',
      'set by the dispatcher',
    ],
    [
      'Content-Type',
      { url: 'https://a.example.com/', headers: { 'content-type': 'text/plain' } },
      'headers.content-type',
      'set by the dispatcher',
    ],
    [
      'a webhook-* header',
      { url: 'https://a.example.com/', headers: { 'Webhook-Signature': 'v1,x' } },
      'headers.Webhook-Signature',
      'set by the dispatcher',
    ],
    [
      'an invalid header name',
      { url: 'https://a.example.com/', headers: { 'X Bad': 'x' } },
      'headers.X Bad',
      'token',
    ],
    [
      'CR LF in a value',
      { url: 'https://a.example.com/', headers: { 'X-A': 'a\r\nHost: evil' } },
      'headers.X-A',
      'U+000D',
    ],
    ['an unknown field', { url: 'https://a.example.com/', signing_secret: 'x' }, undefined, ''],
  ])('refuses %s with a 400', async (_what, fields, field, words) => {
    const result = expectStatus(
      await alice.post('/v1/webhooks', { name: uniqueName('bad'), ...fields }),
      400,
    );
    expect(result.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    if (field !== undefined) expect((result.body as { field?: string }).field).toBe(field);
    expect((result.body as { message: string }).message).toContain(words);
  });

  it('updates, disables and re-enables, replacing headers as a whole', async () => {
    const webhook = await create(alice, {
      name: 'upd',
      url: 'https://a.example.com/',
      headers: { 'X-A': '1' },
    });
    const updated = expectStatus(
      await alice.patch(`/v1/webhooks/${webhook.id}`, {
        url: 'https://b.example.com/x',
        headers: { 'X-B': '2' },
        enabled: false,
      }),
      200,
    ).body as Webhook;
    expect(updated).toMatchObject({
      url: 'https://b.example.com/x',
      headers: { 'X-B': '********' },
      enabled: false,
    });
    const enabled = expectStatus(
      await alice.patch(`/v1/webhooks/${webhook.id}`, { enabled: true }),
      200,
    ).body as Webhook;
    expect(enabled.enabled).toBe(true);
    expectStatus(await alice.patch(`/v1/webhooks/${webhook.id}`, { name: 'dup' }), 409);
    expectStatus(await alice.patch(`/v1/webhooks/${webhook.id}`, {}), 400);
  });

  it('shows the signing secret to its owner and rotates it', async () => {
    const webhook = await create(alice, { name: 'sec', url: 'https://a.example.com/' });
    const first = expectStatus(await alice.get(`/v1/webhooks/${webhook.id}/secret`), 200).body as {
      secret: string;
    };
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const rotated = expectStatus(
      await alice.post(`/v1/webhooks/${webhook.id}/secret/rotate`, {}),
      200,
    ).body as {
      secret: string;
      previous_secret_expires_at: string;
    };
    expect(rotated.secret).not.toBe(first.secret);
    expect(Date.parse(rotated.previous_secret_expires_at)).toBeGreaterThan(Date.now());
  });

  it("keeps accounts apart: B cannot see, change, delete or read the secret of A's webhook", async () => {
    const webhook = await create(alice, { name: 'mine', url: 'https://a.example.com/' });
    expectStatus(await bob.get(`/v1/webhooks/${webhook.id}`), 404);
    expectStatus(await bob.patch(`/v1/webhooks/${webhook.id}`, { enabled: false }), 404);
    expectStatus(await bob.get(`/v1/webhooks/${webhook.id}/secret`), 404);
    expectStatus(await bob.post(`/v1/webhooks/${webhook.id}/secret/rotate`, {}), 404);
    expectStatus(await bob.post(`/v1/webhooks/${webhook.id}/test`, {}), 404);
    expectStatus(await bob.delete(`/v1/webhooks/${webhook.id}`), 404);
    const bobs = expectStatus(await bob.get('/v1/webhooks'), 200).body as { data: Webhook[] };
    expect(bobs.data.map((w) => w.id)).not.toContain(webhook.id);
    expect(
      (expectStatus(await alice.get(`/v1/webhooks/${webhook.id}`), 200).body as Webhook).enabled,
    ).toBe(true);
  });

  it('deletes, and answers 404 for unknown ids, 400 for malformed ones and 401 without a key', async () => {
    const webhook = await create(alice, { name: 'del', url: 'https://a.example.com/' });
    expectStatus(await alice.delete(`/v1/webhooks/${webhook.id}`), 204);
    expectStatus(await alice.get(`/v1/webhooks/${webhook.id}`), 404);
    expect(expectStatus(await alice.get('/v1/webhooks/not-a-uuid'), 400).body).toMatchObject({
      field: 'id',
    });
    expectStatus(await apiClient(service.baseUrl).get('/v1/webhooks'), 401);
  });
});
