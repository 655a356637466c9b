import {
  apiClient,
  createTestDatabase,
  hostileBodies,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type TestDatabase,
} from '@leadhooks/testing';
import { startLeadsTestApp, type LeadsTestApp } from './support/leads-test-app';

interface ApiKeyView {
  id: string;
  name: string | null;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  key?: string;
}

describe('/v1/api-keys', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let api: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('leads_api_keys');
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('leads_api_keys'),
    });
    api = apiClient(service.baseUrl, (await service.createAccount('keys')).key);
    other = apiClient(service.baseUrl, (await service.createAccount('keys-other')).key);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const list = async (client: ApiClient) => {
    const result = await client.get('/v1/api-keys');
    expect(result.status).toBe(200);
    return (result.body as { data: ApiKeyView[] }).data;
  };

  it('creates a key shown once, which works at once; the list never shows a key', async () => {
    const created = await api.post('/v1/api-keys', { name: 'ci' });
    expect(created.status).toBe(201);
    const view = created.body as ApiKeyView;
    expect(view).toMatchObject({ name: 'ci', revoked_at: null, last_used_at: null });
    expect(view.key).toMatch(new RegExp(`^lh_${view.prefix}_[A-Za-z0-9_-]{43}$`));

    const withNew = apiClient(service.baseUrl, view.key);
    expect((await withNew.get('/v1/leads')).status).toBe(200);
    const listed = await list(api);
    expect(listed.map((k) => k.id)).toContain(view.id);
    expect(JSON.stringify(listed)).not.toContain(view.key);
    expect(JSON.stringify(listed)).not.toContain(String(view.key).slice(16));
    // Nothing of one account's keys in another's list.
    expect((await list(other)).map((k) => k.id)).not.toContain(view.id);
  });

  it('records when a key was last used', async () => {
    const view = (await api.post('/v1/api-keys', {})).body as ApiKeyView;
    expect(view.name).toBeNull();
    await apiClient(service.baseUrl, view.key).get('/v1/leads');
    const used = await waitFor('last_used_at', async () =>
      (await list(api)).find((k) => k.id === view.id && k.last_used_at !== null),
    );
    expect(Date.parse(String(used.last_used_at))).toBeGreaterThanOrEqual(
      Date.parse(view.created_at),
    );
  });

  it('revokes a key: refused at once here, the revocation kept, and a second revoke changes nothing', async () => {
    const view = (await api.post('/v1/api-keys', { name: 'to revoke' })).body as ApiKeyView;
    const revokedClient = apiClient(service.baseUrl, view.key);
    expect((await revokedClient.get('/v1/leads')).status).toBe(200);
    const revoked = await api.delete(`/v1/api-keys/${view.id}`);
    expect(revoked.status).toBe(200);
    const at = (revoked.body as ApiKeyView).revoked_at;
    expect(at).not.toBeNull();
    expect((await revokedClient.get('/v1/leads')).status).toBe(401);
    const again = await api.delete(`/v1/api-keys/${view.id}`);
    expect((again.body as ApiKeyView).revoked_at).toBe(at);
  });

  it('lets a key revoke itself, and then refuses it', async () => {
    const view = (await api.post('/v1/api-keys', { name: 'self' })).body as ApiKeyView;
    const self = apiClient(service.baseUrl, view.key);
    expect((await self.delete(`/v1/api-keys/${view.id}`)).status).toBe(200);
    expect((await self.get('/v1/api-keys')).status).toBe(401);
  });

  it('answers 404 for another account’s key and leaves it working', async () => {
    const theirs = (await other.post('/v1/api-keys', { name: 'theirs' })).body as ApiKeyView;
    const result = await api.delete(`/v1/api-keys/${theirs.id}`);
    expect(result.status).toBe(404);
    expect((await apiClient(service.baseUrl, theirs.key).get('/v1/leads')).status).toBe(200);
  });

  it('creates one key per Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'key-once' };
    const first = await api.post('/v1/api-keys', { name: 'once' }, { headers });
    const again = await api.post('/v1/api-keys', { name: 'once' }, { headers });
    expect(again.body).toEqual(first.body);
    expect((await list(api)).filter((k) => k.name === 'once')).toHaveLength(1);
  });

  it.each([
    ['an unknown field', { name: 'x', scopes: ['all'] }, undefined],
    ['a name over 200 characters', { name: 'n'.repeat(201) }, 'name'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name that is not text', { name: 42 }, 'name'],
    ['a NUL in the name', { name: 'a\u0000b' }, 'name'],
  ])('refuses %s with a 400, creating nothing', async (_case, body, field) => {
    const before = (await list(api)).length;
    const result = await api.post('/v1/api-keys', body);
    expect(result.status).toBe(400);
    if (field !== undefined) expect(result.body).toMatchObject({ field });
    expect((await list(api)).length).toBe(before);
  });

  it.each(hostileBodies({ name: 'x' }, 'name').map((c) => [c.name, c] as const))(
    'refuses %s without a 5xx',
    async (_name, hostile) => {
      const result = await api.request('POST', '/v1/api-keys', hostile.options);
      expect({ status: result.status, code: (result.body as { code?: string }).code }).toEqual({
        status: hostile.status,
        code: hostile.code,
      });
    },
  );

  it.each([
    ['an id that is not a UUID', '/v1/api-keys/not-a-uuid', 400],
    ['a NUL as id', '/v1/api-keys/%00', 400],
    ['an unknown id', '/v1/api-keys/00000000-0000-4000-8000-000000000000', 404],
  ])('answers a revoke of %s with a 4xx', async (_case, path, status) => {
    expect((await api.delete(path)).status).toBe(status);
  });

  it('refuses every operation without a key', async () => {
    const anonymous = apiClient(service.baseUrl);
    expect((await anonymous.get('/v1/api-keys')).status).toBe(401);
    expect((await anonymous.post('/v1/api-keys', {})).status).toBe(401);
    expect(
      (await anonymous.delete('/v1/api-keys/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(401);
  });
});
