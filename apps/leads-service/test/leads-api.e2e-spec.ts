import {
  createTestDatabase,
  requireTestEnv,
  uniqueName,
  type TestDatabase,
} from '@leadhooks/testing';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { expectLead, fullLead } from './support/fixtures';
import { startLeadsTestApp, type LeadsTestApp } from './support/leads-test-app';

describe('leads API', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('leads_api');
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('leads_api'),
    });
    api = apiClient(service.baseUrl, (await service.createAccount('api')).key);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('creates a lead with defaults, lower-cases the email and says where it lives', async () => {
    const result = await api.post('/v1/leads', { email: 'Grace@Navy.MIL' });
    const lead = expectLead(result, 201);
    expect(lead).toMatchObject({
      email: 'grace@navy.mil',
      website: '',
      company: null,
      notes: null,
      score: 0,
      version: 1,
    });
    expect(result.headers.get('location')).toBe(`/v1/leads/${lead.id}`);
    expect(expectLead(await api.get(`/v1/leads/${lead.id}`), 200)).toEqual(lead);
  });

  it('answers a second create of the same email (any case) with 409 and the existing id', async () => {
    const first = expectLead(await api.post('/v1/leads', fullLead('dup@example.test')), 201);
    const second = await api.post('/v1/leads', { email: 'DUP@example.test', score: 3 });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      statusCode: 409,
      code: 'conflict',
      message: 'A lead with this email already exists',
      field: 'email',
      existingId: first.id,
    });
  });

  it('updates only the given fields, bumps the version, and clears a field with null', async () => {
    const created = expectLead(await api.post('/v1/leads', fullLead('patch@example.test')), 201);
    const updated = expectLead(
      await api.patch(`/v1/leads/${created.id}`, { score: 12, notes: null }),
      200,
    );
    expect(updated).toEqual({
      ...created,
      score: 12,
      notes: null,
      version: 2,
      updated_at: updated.updated_at,
    });
    expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
  });

  it('treats an update that changes nothing as a no-op: 200, same version, same timestamps', async () => {
    const created = expectLead(await api.post('/v1/leads', fullLead('noop@example.test')), 201);
    const same = expectLead(
      await api.patch(`/v1/leads/${created.id}`, { score: 87, email: 'NOOP@example.test' }),
      200,
    );
    expect(same).toEqual(created);
    expect(expectLead(await api.patch(`/v1/leads/${created.id}`, {}), 200)).toEqual(created);
  });

  it('refuses to change an email to one another lead has, naming that lead', async () => {
    const taken = expectLead(await api.post('/v1/leads', { email: 'taken@example.test' }), 201);
    const other = expectLead(await api.post('/v1/leads', { email: 'other@example.test' }), 201);
    const result = await api.patch(`/v1/leads/${other.id}`, { email: 'Taken@example.test' });
    expect(result.status).toBe(409);
    expect(result.body).toMatchObject({ code: 'conflict', field: 'email', existingId: taken.id });
    expect(expectLead(await api.get(`/v1/leads/${other.id}`), 200).version).toBe(1);
  });

  it('deletes a lead: 204, then 404 for every operation on it', async () => {
    const lead = expectLead(await api.post('/v1/leads', { email: 'gone@example.test' }), 201);
    expect((await api.delete(`/v1/leads/${lead.id}`)).status).toBe(204);
    for (const result of [
      await api.get(`/v1/leads/${lead.id}`),
      await api.patch(`/v1/leads/${lead.id}`, { score: 1 }),
      await api.delete(`/v1/leads/${lead.id}`),
    ]) {
      expect(result.status).toBe(404);
      expect(result.body).toEqual({
        statusCode: 404,
        code: 'not_found',
        message: 'Lead not found',
      });
    }
    // The email is free again.
    expectLead(await api.post('/v1/leads', { email: 'gone@example.test' }), 201);
  });

  it('answers 404 for an unknown lead id, and 400 naming `id` for one that is not a UUID', async () => {
    expect((await api.get('/v1/leads/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect(await api.get('/v1/leads/not-a-uuid')).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', field: 'id' },
    });
  });

  describe('operations', () => {
    it('is live and ready, with Postgres and Kafka up', async () => {
      expect(await apiClient(service.baseUrl).get('/health/live')).toMatchObject({
        status: 200,
        body: { status: 'ok' },
      });
      expect(await apiClient(service.baseUrl).get('/health/ready')).toMatchObject({
        status: 200,
        body: { status: 'ok', checks: { postgres: { status: 'up' }, kafka: { status: 'up' } } },
      });
    });

    it('serves an OpenAPI document built from the code, with the zod schemas', async () => {
      const result = await apiClient(service.baseUrl).get('/docs-json');
      expect(result.status).toBe(200);
      const document = result.body as {
        paths: Record<string, Record<string, unknown>>;
        components: {
          schemas: Record<
            string,
            { properties?: Record<string, unknown>; additionalProperties?: boolean }
          >;
        };
      };
      expect(Object.keys(document.paths['/v1/leads']).sort()).toEqual(['get', 'post']);
      expect(Object.keys(document.paths['/v1/leads/{id}']).sort()).toEqual([
        'delete',
        'get',
        'patch',
      ]);
      expect(document.paths['/health/live']).toBeUndefined();
      expect(document.components.schemas.CreateLead).toMatchObject({
        additionalProperties: false,
        properties: { score: { type: 'integer', minimum: 0, maximum: 100 } },
      });
      expect(Object.keys(document.components.schemas.Error.properties ?? {})).toEqual(
        expect.arrayContaining(['statusCode', 'code', 'message', 'field']),
      );
      expect((await fetch(`${service.baseUrl}/docs`)).status).toBe(200);
    });
  });
});
