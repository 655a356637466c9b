import { AccountsService, apiKeyCacheTtlMs } from '@leadhooks/auth';
import type { KafkaClient } from '@leadhooks/kafka';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@leadhooks/testing';
import { EventCollector } from './support/event-collector';
import { expectLead, fullLead } from './support/fixtures';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';
import { LeadPage } from '../src/leads/lead.schemas';

describe('two accounts', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let kafka: KafkaClient;
  let collector: EventCollector;
  const accounts: { id: string; api: ApiClient }[] = [];

  beforeAll(async () => {
    const namespace = uniqueName('leads_tenancy');
    database = await createTestDatabase('leads_tenancy');
    kafka = await testKafkaClient(testKafkaBrokers(), namespace);
    collector = await EventCollector.start(kafka);
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    });
    for (const name of ['alice-corp', 'bob-corp']) {
      const key = await service.createAccount(name);
      // One account sends its key as a Bearer token, the other in X-Api-Key: both work.
      const via = name === 'alice-corp' ? 'bearer' : 'x-api-key';
      accounts.push({ id: key.accountId, api: apiClient(service.baseUrl, key.key, via) });
    }
  });

  afterAll(async () => {
    await collector?.stop();
    await kafka?.shutdown();
    await service?.close();
    await database?.drop();
  });

  it('keeps each account to its own leads, and each event carries its account', async () => {
    const [alice, bob] = accounts;
    // The same email in both accounts: uniqueness is per account.
    const aliceLead = expectLead(
      await alice.api.post('/v1/leads', fullLead('shared@example.test')),
      201,
    );
    const bobLead = expectLead(
      await bob.api.post('/v1/leads', { email: 'shared@example.test', score: 1 }),
      201,
    );

    // Bob cannot read, change or delete Alice's lead: 404, exactly as for a lead that does not exist.
    const notFound = { statusCode: 404, code: 'not_found', message: 'Lead not found' };
    expect(await bob.api.get(`/v1/leads/${aliceLead.id}`)).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect(await bob.api.patch(`/v1/leads/${aliceLead.id}`, { score: 5 })).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect(await bob.api.delete(`/v1/leads/${aliceLead.id}`)).toMatchObject({
      status: 404,
      body: notFound,
    });
    expect(await alice.api.delete(`/v1/leads/${bobLead.id}`)).toMatchObject({
      status: 404,
      body: notFound,
    });

    // Lists and filters see only the caller's leads.
    const bobList = LeadPage.parse((await bob.api.get('/v1/leads?email=shared@example.test')).body);
    expect(bobList.data.map((lead) => lead.id)).toEqual([bobLead.id]);
    const aliceList = LeadPage.parse((await alice.api.get('/v1/leads?domain=example.test')).body);
    expect(aliceList.data.map((lead) => lead.id)).toEqual([aliceLead.id]);

    // Alice's lead is as she left it.
    expect(expectLead(await alice.api.get(`/v1/leads/${aliceLead.id}`), 200)).toEqual(aliceLead);

    // Each event carries its own account, in the envelope and in the header.
    expectLead(await alice.api.patch(`/v1/leads/${aliceLead.id}`, { score: 2 }), 200);
    const aliceEvents = await collector.waitForLead(aliceLead.id, 2);
    const [bobEvent] = await collector.waitForLead(bobLead.id, 1);
    expect(
      aliceEvents.map((event) => [event.value.accountId, event.headers['account-id']]),
    ).toEqual([
      [alice.id, alice.id],
      [alice.id, alice.id],
    ]);
    expect([bobEvent.value.accountId, bobEvent.headers['account-id']]).toEqual([bob.id, bob.id]);
    expect(bobEvent.value.payload.data.score).toBe(1);
  });

  it('refuses a key revoked through the service at once', async () => {
    const key = await service.createAccount('revoked-here');
    const api = apiClient(service.baseUrl, key.key);
    expect((await api.get('/v1/leads')).status).toBe(200);
    await service.app.get(AccountsService).revokeApiKey(key.id);
    expect(await api.get('/v1/leads')).toMatchObject({
      status: 401,
      body: { code: 'unauthorized' },
    });
  });

  it('refuses a key revoked elsewhere within the key cache TTL', async () => {
    const key = await service.createAccount('revoked-elsewhere');
    const api = apiClient(service.baseUrl, key.key);
    expect((await api.get('/v1/leads')).status).toBe(200);
    // As the CLI or another instance would: straight in the table, this process not told.
    await service.dataSource.query(`UPDATE auth.api_key SET revoked_at = now() WHERE id = $1`, [
      key.id,
    ]);
    const refused = await waitFor(
      'the revoked key refused',
      async () => {
        const answer = await api.get('/v1/leads');
        return answer.status === 401 ? answer : undefined;
      },
      { timeoutMs: apiKeyCacheTtlMs + 2_000, intervalMs: 200 },
    );
    expect(refused.body).toMatchObject({ code: 'unauthorized' });
  });
});
