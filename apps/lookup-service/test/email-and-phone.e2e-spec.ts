import {
  apiClient,
  type ApiClient,
  createTestDatabase,
  requireTestEnv,
  type TestDatabase,
  uniqueName,
} from '@leadhooks/testing';
import { startTestDnsServer, type TestDnsServer, type Zone } from './support/dns-server';
import { startLookupTestApp, type LookupTestApp } from './support/lookup-test-app';

// Reserved names only (RFC 2606): the test DNS server is the only one ever asked.
const zones = {
  'acme.test': {
    mx: [
      { priority: 20, exchange: 'mx2.acme.test' },
      { priority: 10, exchange: 'mx1.acme.test' },
    ],
  },
  'gmail.com': { mx: [{ priority: 5, exchange: 'gmail-smtp-in.l.google.test' }] },
  'mailinator.com': { mx: [{ priority: 10, exchange: 'mail.mailinator.test' }] },
  'nomail.test': 'nodata',
  'broken.test': 'servfail',
  'slow.test': 'silent',
} as const satisfies Record<string, Zone>;

describe('email-verifier and phone-validator', () => {
  let database: TestDatabase;
  let dns: TestDnsServer;
  let service: LookupTestApp;
  let api: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('lookup_basic');
    dns = await startTestDnsServer(zones);
    service = await startLookupTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('lookup_basic'),
      LOOKUP_DNS_SERVERS: dns.address,
    });
    api = apiClient(service.baseUrl, (await service.createAccount('basic')).key);
  });

  afterAll(async () => {
    await service?.close();
    await dns?.close();
    await database?.drop();
  });

  it('serves health and its OpenAPI document with all six lookups', async () => {
    expect(await apiClient(service.baseUrl).get('/health/live')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    expect(await apiClient(service.baseUrl).get('/health/ready')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    });
    const docs = await apiClient(service.baseUrl).get('/docs-json');
    expect(Object.keys((docs.body as { paths: object }).paths).sort()).toEqual(
      [
        'author-finder',
        'domain-search',
        'email-finder',
        'email-verifier',
        'phone-finder',
        'phone-validator',
      ].map((n) => `/v1/${n}`),
    );
  });

  it('refuses calls without a valid API key', async () => {
    expect(
      await apiClient(service.baseUrl).get('/v1/email-verifier', {
        query: { email: 'ada@acme.test' },
      }),
    ).toMatchObject({
      status: 401,
      body: { statusCode: 401, code: 'unauthorized' },
    });
    expect(
      (
        await apiClient(service.baseUrl, 'lh_000000000000_' + 'A'.repeat(43)).get(
          '/v1/phone-validator',
          { query: { phone: '+1' } },
        )
      ).status,
    ).toBe(401);
  });

  it.each([
    [
      'a company address',
      'Ada.Lovelace@ACME.test',
      { email: 'ada.lovelace@acme.test', domain: 'acme.test', status: 'valid', score: 90 },
      { syntax: true, disposable: false, webmail: false, role: false, mx: 'found' },
    ],
    [
      'a free webmail address',
      'someone@gmail.com',
      { status: 'valid', score: 80 },
      { webmail: true, mx: 'found' },
    ],
    [
      'a disposable address',
      'throwaway@mailinator.com',
      { status: 'risky', score: 10 },
      { disposable: true, webmail: false },
    ],
    ['a role address', 'info@acme.test', { status: 'risky', score: 60 }, { role: true }],
    ['a domain without MX', 'ada@nomail.test', { status: 'invalid', score: 0 }, { mx: 'none' }],
    [
      'a domain that does not exist',
      'ada@nowhere.test',
      { status: 'invalid', score: 0 },
      { mx: 'none' },
    ],
    [
      'a DNS server failure',
      'ada@broken.test',
      { status: 'unknown', score: 50 },
      { mx: 'unknown' },
    ],
    [
      'a DNS server that never answers',
      'ada@slow.test',
      { status: 'unknown', score: 50 },
      { mx: 'unknown' },
    ],
    [
      'bad syntax',
      'ada@@acme.test',
      { status: 'invalid', score: 0, domain: null },
      { syntax: false, mx: 'skipped' },
    ],
    ['no domain dot', 'ada@acme', { status: 'invalid', score: 0 }, { syntax: false }],
  ])('email-verifier: %s', async (_name, email, expected, checks) => {
    const result = await api.get('/v1/email-verifier', { query: { email } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ ...expected, checks });
  });

  it('lists MX records lowest priority first', async () => {
    const result = await api.get('/v1/email-verifier', { query: { email: 'ada@acme.test' } });
    expect((result.body as { mx_records: unknown }).mx_records).toEqual([
      { exchange: 'mx1.acme.test', priority: 10 },
      { exchange: 'mx2.acme.test', priority: 20 },
    ]);
  });

  it.each([
    [
      '+44 20 7946 0958',
      undefined,
      {
        valid: true,
        type: 'fixed_line',
        e164: '+442079460958',
        international: '+44 20 7946 0958',
        national: '020 7946 0958',
        country: 'GB',
      },
    ],
    ['06 12 34 56 78', 'fr', { valid: true, type: 'mobile', e164: '+33612345678', country: 'FR' }],
    ['+1 202 555 0123', undefined, { possible: true, country_calling_code: '1' }],
    ['12345', 'US', { valid: false, e164: '+112345' }],
    ['call me maybe', undefined, { valid: false, possible: false, e164: null, type: null }],
  ])('phone-validator: %s (%s)', async (phone, country, expected) => {
    const result = await api.get('/v1/phone-validator', {
      query: country === undefined ? { phone } : { phone, country },
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ phone, ...expected });
  });

  it.each<[string, string, Record<string, string>, string]>([
    ['no email', '/v1/email-verifier', {}, 'email'],
    ['an empty email', '/v1/email-verifier', { email: '  ' }, 'email'],
    [
      'an email over 320 characters',
      '/v1/email-verifier',
      { email: `${'a'.repeat(320)}@acme.test` },
      'email',
    ],
    ['an unknown parameter', '/v1/email-verifier', { email: 'a@acme.test', mode: 'fast' }, 'mode'],
    ['no phone', '/v1/phone-validator', {}, 'phone'],
    ['an unknown country', '/v1/phone-validator', { phone: '123', country: 'XX' }, 'country'],
    [
      'a country name instead of a code',
      '/v1/phone-validator',
      { phone: '123', country: 'France' },
      'country',
    ],
  ])('400 for %s', async (_name, path, query, field) => {
    const result = await api.get(path, { query });
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

  it('400 for a repeated parameter', async () => {
    const result = await api.get('/v1/email-verifier?email=a@acme.test&email=b@acme.test');
    expect(result).toMatchObject({ status: 400, body: { field: 'email' } });
  });
});
