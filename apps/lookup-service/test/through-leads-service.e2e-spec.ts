import {
  apiClient,
  type ApiClient,
  createTestDatabase,
  requireTestEnv,
  type TestDatabase,
  uniqueName,
  waitFor,
} from '@leadhooks/testing';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import {
  startLeadsServiceProcess,
  type LeadsServiceProcess,
} from './support/leads-service-process';
import { startLookupTestApp, type LookupTestApp } from './support/lookup-test-app';

/**
 * The whole path: leads saved through leads-service's API (outbox -> leads.save_lead) are
 * what lookup-service's domain-search and email-finder answer from. Both services share
 * one database (the `auth` schema, so one API key works on both) and one Kafka namespace.
 */
describe('leads saved through leads-service', () => {
  let database: TestDatabase;
  let dns: TestDnsServer;
  let lookups: LookupTestApp;
  let leads: LeadsServiceProcess;
  const accounts: { leads: ApiClient; lookups: ApiClient }[] = [];

  beforeAll(async () => {
    const namespace = uniqueName('lookup_via_leads');
    database = await createTestDatabase('lookup_via_leads');
    dns = await startTestDnsServer({
      'initech.test': { mx: [{ priority: 10, exchange: 'mx.initech.test' }] },
    });
    const shared = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: namespace,
    };
    lookups = await startLookupTestApp({ ...shared, LOOKUP_DNS_SERVERS: dns.address });
    leads = await startLeadsServiceProcess(shared);
    for (const name of ['initech-sales', 'competitor']) {
      const key = await lookups.createAccount(name);
      accounts.push({
        leads: apiClient(leads.baseUrl, key.key),
        lookups: apiClient(lookups.baseUrl, key.key),
      });
    }
  });

  afterAll(async () => {
    await leads?.stop();
    await lookups?.close();
    await dns?.close();
    await database?.drop();
  });

  it('domain-search and email-finder see them; another account sees nothing', async () => {
    const [owner, other] = accounts;
    for (const lead of [
      {
        email: 'pgibbons@initech.test',
        first_name: 'Peter',
        last_name: 'Gibbons',
        position: 'Engineer',
      },
      {
        email: 'mbolton@initech.test',
        first_name: 'Michael',
        last_name: 'Bolton',
        phone: '+1 512 555 0100',
      },
    ]) {
      const created = await owner.leads.post('/v1/leads', lead);
      expect(created.status).toBe(201);
    }

    const search = await waitFor(
      'both leads in domain-search',
      async () => {
        const result = await owner.lookups.get('/v1/domain-search', {
          query: { domain: 'initech.test' },
        });
        return (result.body as { total: number }).total === 2 ? result : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 250 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nleads-service output:\n${leads.output()}`);
    });
    expect(search.body).toMatchObject({
      pattern: 'flast',
      emails: [
        { value: 'mbolton@initech.test' },
        { value: 'pgibbons@initech.test', position: 'Engineer' },
      ],
    });

    const found = await owner.lookups.get('/v1/email-finder', {
      query: {
        domain: 'initech.test',
        first_name: 'Samir',
        last_name: 'Nagheenanajar',
      },
    });
    expect(found.body).toMatchObject({
      email: 'snagheenanajar@initech.test',
      pattern: 'flast',
      verification: { status: 'valid' },
    });

    expect(
      (await other.lookups.get('/v1/domain-search', { query: { domain: 'initech.test' } })).body,
    ).toMatchObject({ total: 0, pattern: null, emails: [] });
    expect(
      (
        await other.lookups.get('/v1/email-finder', {
          query: {
            domain: 'initech.test',
            first_name: 'Samir',
            last_name: 'Nagheenanajar',
          },
        })
      ).body,
    ).toMatchObject({
      email: 'samir.nagheenanajar@initech.test',
      pattern: 'first.last',
      evidence: [],
    });
    expect(
      (await other.lookups.get('/v1/phone-finder', { query: { domain: 'initech.test' } })).body,
    ).toMatchObject({ phones: [] });
  });
});
