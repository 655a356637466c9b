import {
  apiClient,
  type ApiClient,
  createTestDatabase,
  requireTestEnv,
  type TestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
} from '@leadhooks/testing';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import {
  saveLeadEvent,
  startLookupTestApp,
  TestKafka,
  type LookupTestApp,
} from './support/lookup-test-app';

interface Account {
  id: string;
  api: ApiClient;
}

describe('the lead directory: domain-search, email-finder, phone-finder', () => {
  let database: TestDatabase;
  let dns: TestDnsServer;
  let kafka: TestKafka;
  let service: LookupTestApp;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  const leadIds = {
    ada: randomUUID(),
    charles: randomUUID(),
    alan: randomUUID(),
    dennis: randomUUID(),
    grace: randomUUID(),
  };

  let namespace: string;

  beforeAll(async () => {
    namespace = uniqueName('lookup_dir');
    database = await createTestDatabase('lookup_dir');
    dns = await startTestDnsServer({
      'acme.test': { mx: [{ priority: 10, exchange: 'mx.acme.test' }] },
      'other.test': { mx: [{ priority: 10, exchange: 'mx.other.test' }] },
    });
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    service = await startLookupTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: namespace,
      LOOKUP_DNS_SERVERS: dns.address,
    });
    const account = async (name: string): Promise<Account> => {
      const key = await service.createAccount(name);
      return { id: key.accountId, api: apiClient(service.baseUrl, key.key) };
    };
    [alice, bob, carol] = [await account('alice'), await account('bob'), await account('carol')];

    const dennisV1 = saveLeadEvent(alice.id, leadIds.dennis, 1, {
      email: 'dritchie@acme.test',
      first_name: 'Dennis',
      last_name: 'Ritchie',
      position: 'Engineer',
    });
    const dennisV2 = saveLeadEvent(alice.id, leadIds.dennis, 2, {
      email: 'dritchie@acme.test',
      first_name: 'Dennis',
      last_name: 'Ritchie',
      position: 'CTO',
    });
    await kafka.publishLeads([
      saveLeadEvent(alice.id, leadIds.ada, 1, {
        email: 'ALovelace@acme.test',
        first_name: 'Ada',
        last_name: 'Lovelace',
        position: 'Countess',
        phone: '+44 20 7946 0958',
        company: 'Acme',
      }),
      saveLeadEvent(alice.id, leadIds.charles, 1, {
        email: 'cbabbage@acme.test',
        first_name: 'Charles',
        last_name: 'Babbage',
        phone: '+1 202 555 0123',
      }),
      saveLeadEvent(alice.id, leadIds.alan, 1, {
        email: 'alan.turing@acme.test',
        first_name: 'Alan',
        last_name: 'Turing',
      }),
      dennisV2,
      // A duplicate of the same event, and the older version arriving late: neither changes anything.
      dennisV2,
      dennisV1,
      saveLeadEvent(alice.id, randomUUID(), 1, { email: 'someone@other.test' }),
      saveLeadEvent(bob.id, leadIds.grace, 1, {
        email: 'grace.hopper@acme.test',
        first_name: 'Grace',
        last_name: 'Hopper',
        phone: '+33 6 12 34 56 78',
      }),
    ]);
    // Bounded: the directory consumer has applied everything once both accounts see their last lead.
    await waitFor(
      'the directory to hold the published leads',
      async () => {
        const [a, b] = await Promise.all([
          alice.api.get('/v1/domain-search', { query: { domain: 'acme.test' } }),
          bob.api.get('/v1/domain-search', { query: { domain: 'acme.test' } }),
        ]);
        const total = (r: typeof a) => (r.body as { total: number }).total;
        return total(a) === 4 && total(b) === 1 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await dns?.close();
    await database?.drop();
  });

  it('domain-search lists the account’s people at the domain, newest first, with the dominant pattern', async () => {
    const result = await alice.api.get('/v1/domain-search', { query: { domain: 'ACME.test' } });
    expect(result.status).toBe(200);
    expect(result.headers.get('x-request-id')).toEqual(expect.any(String));
    expect(result.body).toMatchObject({
      domain: 'acme.test',
      pattern: 'flast',
      total: 4,
      limit: 10,
      offset: 0,
    });
    const emails = (result.body as { emails: { value: string }[] }).emails;
    // Dennis's events were made first, so even his version 2 is the oldest.
    expect(emails.map((e) => e.value)).toEqual([
      'alan.turing@acme.test',
      'cbabbage@acme.test',
      'alovelace@acme.test',
      'dritchie@acme.test',
    ]);
    expect(emails[2]).toEqual({
      value: 'alovelace@acme.test',
      first_name: 'Ada',
      last_name: 'Lovelace',
      position: 'Countess',
      company: 'Acme',
      phone: '+44 20 7946 0958',
      sources: [
        {
          type: 'lead',
          lead_id: leadIds.ada,
          last_seen_at: expect.stringMatching(/^2026-01-01T00:00:\d\d\.000Z$/),
        },
      ],
    });
    // The newest version won; the late, older one and the duplicate changed nothing.
    expect(emails[3]).toMatchObject({ position: 'CTO' });
  });

  it('domain-search pages with limit and offset', async () => {
    const page = await alice.api.get('/v1/domain-search', {
      query: {
        domain: 'acme.test',
        limit: '2',
        offset: '1',
      },
    });
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect((page.body as { emails: { value: string }[] }).emails.map((e) => e.value)).toEqual([
      'cbabbage@acme.test',
      'alovelace@acme.test',
    ]);
  });

  it('keeps accounts apart: bob sees only his lead, carol nothing', async () => {
    const bobs = await bob.api.get('/v1/domain-search', { query: { domain: 'acme.test' } });
    expect(bobs.body).toMatchObject({
      total: 1,
      pattern: 'first.last',
      emails: [{ value: 'grace.hopper@acme.test' }],
    });
    const carols = await carol.api.get('/v1/domain-search', { query: { domain: 'acme.test' } });
    expect(carols.body).toEqual({
      domain: 'acme.test',
      pattern: null,
      total: 0,
      limit: 10,
      offset: 0,
      emails: [],
    });
    expect(
      (await carol.api.get('/v1/phone-finder', { query: { email: 'alovelace@acme.test' } })).body,
    ).toEqual({ email: 'alovelace@acme.test', domain: null, phones: [] });
  });

  it.each([
    [
      'alice: the domain’s own pattern',
      () => alice,
      { first_name: 'Grace', last_name: 'Hopper' },
      { email: 'ghopper@acme.test', pattern: 'flast', score: 90 },
    ],
    [
      'alice: full_name, accents folded',
      () => alice,
      { full_name: 'Zoë  de la  Cruz' },
      { email: 'zcruz@acme.test', pattern: 'flast', first_name: 'Zoë', last_name: 'Cruz' },
    ],
    [
      'alice: a person she already has',
      () => alice,
      { first_name: 'ada', last_name: 'LOVELACE' },
      { email: 'alovelace@acme.test', pattern: 'known', score: 100 },
    ],
    [
      'bob: his own evidence, not alice’s',
      () => bob,
      { first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'ada.lovelace@acme.test', pattern: 'first.last' },
    ],
    [
      'bob: a person he already has',
      () => bob,
      { full_name: 'Grace Hopper' },
      { email: 'grace.hopper@acme.test', pattern: 'known', score: 100 },
    ],
    [
      'carol: no evidence, the prior',
      () => carol,
      { first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'ada.lovelace@acme.test', pattern: 'first.last', score: 40, evidence: [] },
    ],
    [
      'carol: a domain without mail',
      () => carol,
      { first_name: 'Ada', last_name: 'Lovelace', domain: 'nomail.test' },
      {
        email: 'ada.lovelace@nomail.test',
        score: 0,
        verification: { status: 'invalid', score: 0 },
      },
    ],
    [
      'carol: a name with no latin letters',
      () => carol,
      { first_name: '李', last_name: '王' },
      { email: null, score: 0, pattern: null, candidates: [] },
    ],
  ])('email-finder, %s', async (_name, who, query, expected) => {
    const result = await who().api.get('/v1/email-finder', {
      query: { domain: 'acme.test', ...query },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject(expected);
  });

  it('email-finder verifies the best candidate through DNS', async () => {
    const result = await alice.api.get('/v1/email-finder', {
      query: {
        domain: 'acme.test',
        first_name: 'Grace',
        last_name: 'Hopper',
      },
    });
    expect(result.body).toMatchObject({
      verification: { status: 'valid', score: 90 },
      evidence: [
        { pattern: 'flast', count: 3 },
        { pattern: 'first.last', count: 1 },
      ],
    });
    expect((result.body as { candidates: unknown[] }).candidates.length).toBeGreaterThan(5);
  });

  it.each([
    [
      'by email',
      () => alice,
      { email: 'ALovelace@acme.test' },
      [
        {
          number: '+44 20 7946 0958',
          e164: '+442079460958',
          country: 'GB',
          valid: true,
          email: 'alovelace@acme.test',
        },
      ],
    ],
    [
      'by domain',
      () => alice,
      { domain: 'acme.test' },
      [
        { e164: '+12025550123', email: 'cbabbage@acme.test' },
        { e164: '+442079460958', lead_id: leadIds.ada },
      ],
    ],
    [
      'by domain, another account',
      () => bob,
      { domain: 'acme.test' },
      [{ e164: '+33612345678', type: 'mobile', first_name: 'Grace' }],
    ],
    ['nobody known', () => alice, { email: 'nobody@acme.test' }, []],
  ])('phone-finder %s', async (_name, who, query, phones) => {
    const result = await who().api.get('/v1/phone-finder', { query });
    expect(result.status).toBe(200);
    expect((result.body as { phones: unknown[] }).phones).toEqual(
      phones.map((phone) => expect.objectContaining(phone)),
    );
  });

  it.each<[string, string, Record<string, string>, string]>([
    [
      'email-finder without a domain',
      '/v1/email-finder',
      { first_name: 'A', last_name: 'B' },
      'domain',
    ],
    [
      'email-finder with a bad domain',
      '/v1/email-finder',
      { domain: 'not a domain', first_name: 'A', last_name: 'B' },
      'domain',
    ],
    [
      'email-finder with a URL for a domain',
      '/v1/email-finder',
      { domain: 'https://acme.test', first_name: 'A', last_name: 'B' },
      'domain',
    ],
    [
      'email-finder without last_name',
      '/v1/email-finder',
      { domain: 'acme.test', first_name: 'A' },
      'last_name',
    ],
    ['email-finder without any name', '/v1/email-finder', { domain: 'acme.test' }, 'first_name'],
    [
      'email-finder with full_name and first_name',
      '/v1/email-finder',
      { domain: 'acme.test', first_name: 'A', full_name: 'A B' },
      'full_name',
    ],
    [
      'email-finder with a one-word full_name',
      '/v1/email-finder',
      { domain: 'acme.test', full_name: 'Cher' },
      'full_name',
    ],
    ['domain-search without a domain', '/v1/domain-search', {}, 'domain'],
    [
      'domain-search with limit 0',
      '/v1/domain-search',
      { domain: 'acme.test', limit: '0' },
      'limit',
    ],
    [
      'domain-search with limit 101',
      '/v1/domain-search',
      { domain: 'acme.test', limit: '101' },
      'limit',
    ],
    [
      'domain-search with a negative offset',
      '/v1/domain-search',
      { domain: 'acme.test', offset: '-1' },
      'offset',
    ],
    ['phone-finder with neither email nor domain', '/v1/phone-finder', {}, 'email'],
    [
      'phone-finder with both',
      '/v1/phone-finder',
      { email: 'a@acme.test', domain: 'acme.test' },
      'email',
    ],
  ])('400 for %s', async (_name, path, query, field) => {
    const result = await alice.api.get(path, { query });
    expect(result).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        code: 'validation_failed',
        field,
        message: expect.stringContaining(field),
      },
    });
  });

  it('stored each lead once, at its newest version', async () => {
    const rows = (await service.dataSource.query(
      `SELECT version, position FROM lookups.directory_lead WHERE lead_id = $1`,
      [leadIds.dennis],
    )) as { version: number; position: string }[];
    expect(rows).toEqual([{ version: 2, position: 'CTO' }]);
  });

  it('skips records that break the contract, commits them, and goes on with the next one', async () => {
    // Raw bytes, as a broken or hostile producer would write them; the typed producer
    // would refuse to send them. One key, so they share a partition with the valid lead.
    const leadId = randomUUID();
    const raw = new Kafka({ brokers: testKafkaBrokers(), clientId: 'lookup-e2e-raw' }).producer();
    await raw.connect();
    try {
      await raw.send({
        topic: `${namespace}.leads.save_lead`,
        messages: [
          { key: leadId, value: Buffer.from([0x00, 0xff, 0xfe]) },
          { key: leadId, value: '{"type":"save_lead","payload":"not a lead"}' },
          { key: leadId, value: null },
        ],
      });
    } finally {
      await raw.disconnect();
    }
    await kafka.publishLeads([
      saveLeadEvent(carol.id, leadId, 1, { email: 'after.garbage@later.test' }),
    ]);
    await waitFor(
      'the valid lead after the bad records to reach the directory',
      async () => {
        const result = await carol.api.get('/v1/domain-search', {
          query: { domain: 'later.test' },
        });
        return (result.body as { total: number }).total === 1 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
