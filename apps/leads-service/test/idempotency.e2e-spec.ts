import {
  apiClient,
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  type ApiClient,
  type TestDatabase,
} from '@leadhooks/testing';
import type { KafkaClient } from '@leadhooks/kafka';
import { EventCollector } from './support/event-collector';
import { expectLead, fullLead } from './support/fixtures';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';

describe('Idempotency-Key on POST /v1/leads', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let kafka: KafkaClient;
  let collector: EventCollector;
  let api: ApiClient;
  let other: ApiClient;

  beforeAll(async () => {
    const namespace = uniqueName('leads_idempotency');
    database = await createTestDatabase('leads_idempotency');
    kafka = await testKafkaClient(testKafkaBrokers(), namespace);
    collector = await EventCollector.start(kafka);
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    });
    api = apiClient(service.baseUrl, (await service.createAccount('idem')).key);
    other = apiClient(service.baseUrl, (await service.createAccount('idem-other')).key);
  });

  afterAll(async () => {
    await collector?.stop();
    await kafka?.shutdown();
    await service?.close();
    await database?.drop();
  });

  const leadsWithEmail = async (email: string) =>
    (
      (await service.dataSource.query(
        `SELECT count(*)::int AS n FROM leads.lead WHERE email = $1`,
        [email],
      )) as { n: number }[]
    )[0].n;

  it('replays the first answer: one lead, one save_lead, the same status, body and Location', async () => {
    const headers = { 'idempotency-key': 'lead-ada-1' };
    const body = fullLead('ada@example.test');
    const first = await api.post('/v1/leads', body, { headers });
    const lead = expectLead(first, 201);
    const again = await api.post('/v1/leads', body, { headers });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // A later lead's event on the topic means the outbox went past anything a replay made.
    const later = expectLead(await api.post('/v1/leads', fullLead('later@example.test')), 201);
    await collector.waitForLead(later.id, 1);
    await collector.waitForLead(lead.id, 1);
    expect(collector.forLead(lead.id)).toHaveLength(1);
    expect(await leadsWithEmail('ada@example.test')).toBe(1);
  });

  it('answers 422 for the same key with another body, and creates nothing', async () => {
    const headers = { 'idempotency-key': 'lead-grace-1' };
    expectLead(await api.post('/v1/leads', fullLead('grace@example.test'), { headers }), 201);
    const changed = await api.post('/v1/leads', fullLead('hopper@example.test'), { headers });
    expect(changed.status).toBe(422);
    expect(changed.body).toEqual({
      statusCode: 422,
      code: 'idempotency_key_reused',
      field: 'Idempotency-Key',
      message: expect.stringContaining('different request'),
    });
    expect(await leadsWithEmail('hopper@example.test')).toBe(0);
  });

  it('keeps nothing for a failed request: the key works once the body is fixed', async () => {
    const headers = { 'idempotency-key': 'lead-fix-1' };
    const refused = await api.post('/v1/leads', { email: 'not an email' }, { headers });
    expect(refused.status).toBe(400);
    expectLead(await api.post('/v1/leads', fullLead('fixed@example.test'), { headers }), 201);
  });

  it('scopes keys per account', async () => {
    const headers = { 'idempotency-key': 'shared-key' };
    expectLead(await api.post('/v1/leads', fullLead('one@example.test'), { headers }), 201);
    expectLead(await other.post('/v1/leads', fullLead('two@example.test'), { headers }), 201);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
    ['with a space', 'a b'],
    ['two different values', 'a, b'],
  ])('refuses a key %s with a 400 naming the header, creating nothing', async (_case, key) => {
    const email = `hostile-${key.length}-${key.charCodeAt(0) || 0}@example.test`;
    const result = await api.post('/v1/leads', fullLead(email), {
      headers: { 'idempotency-key': key },
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ code: 'validation_failed', field: 'Idempotency-Key' });
    expect(await leadsWithEmail(email)).toBe(0);
  });
});
