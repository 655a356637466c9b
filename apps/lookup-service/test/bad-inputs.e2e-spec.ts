import {
  apiClient,
  createTestDatabase,
  hostileBodies,
  requireTestEnv,
  uniqueName,
  type RequestOptions,
  type TestDatabase,
} from '@leadhooks/testing';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import { startLookupTestApp, type LookupTestApp } from './support/lookup-test-app';

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  options?: RequestOptions;
  authenticated?: boolean;
  status: number;
  code: string;
  field?: string;
}

// One line per case reads as the table it is.
// prettier-ignore
const cases: Case[] = [
  { name: 'a NUL as email (verifier)', method: 'GET', path: '/v1/email-verifier?email=a%00@acme.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a NUL as domain (finder)', method: 'GET', path: '/v1/email-finder?domain=acme.test%00&first_name=Ada&last_name=L', status: 400, code: 'validation_failed', field: 'domain' },
  { name: 'a NUL as first_name', method: 'GET', path: '/v1/email-finder?domain=acme.test&first_name=A%00&last_name=L', status: 400, code: 'validation_failed', field: 'first_name' },
  { name: 'a NUL as last_name', method: 'GET', path: '/v1/email-finder?domain=acme.test&first_name=A&last_name=%00', status: 400, code: 'validation_failed', field: 'last_name' },
  { name: 'a NUL as full_name', method: 'GET', path: '/v1/email-finder?domain=acme.test&full_name=Ada%00Lovelace', status: 400, code: 'validation_failed', field: 'full_name' },
  { name: 'an encoded lone surrogate as email', method: 'GET', path: '/v1/email-verifier?email=a%ED%A0%80@acme.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a NUL as domain (search)', method: 'GET', path: '/v1/domain-search?domain=%00', status: 400, code: 'validation_failed', field: 'domain' },
  { name: 'a NUL as limit', method: 'GET', path: '/v1/domain-search?domain=acme.test&limit=1%00', status: 400, code: 'validation_failed', field: 'limit' },
  { name: 'a NUL as offset', method: 'GET', path: '/v1/domain-search?domain=acme.test&offset=%00', status: 400, code: 'validation_failed', field: 'offset' },
  { name: 'a NUL as url (author)', method: 'GET', path: '/v1/author-finder?url=https://a.test/%00', status: 400, code: 'validation_failed', field: 'url' },
  { name: 'a NUL as email (phone finder)', method: 'GET', path: '/v1/phone-finder?email=a%00@acme.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a NUL as domain (phone finder)', method: 'GET', path: '/v1/phone-finder?domain=acme%00.test', status: 400, code: 'validation_failed', field: 'domain' },
  { name: 'a NUL as phone', method: 'GET', path: '/v1/phone-validator?phone=%2B44%00', status: 400, code: 'validation_failed', field: 'phone' },
  { name: 'a NUL as country', method: 'GET', path: '/v1/phone-validator?phone=020&country=G%00', status: 400, code: 'validation_failed', field: 'country' },
  { name: 'a NUL as webhook_url', method: 'GET', path: '/v1/email-verifier?email=a@acme.test&webhook_url=https://hooks.example.test/%00', status: 400, code: 'validation_failed', field: 'webhook_url' },
  { name: 'a NUL in an unknown parameter name', method: 'GET', path: '/v1/email-verifier?email=a@acme.test&x%00=1', status: 400, code: 'validation_failed', field: 'x\u0000' },
  { name: 'a webhook_url with port 0', method: 'GET', path: `/v1/phone-validator?phone=%2B442079460000&webhook_url=${encodeURIComponent('https://hooks.example.test:0/in')}`, status: 400, code: 'validation_failed', field: 'webhook_url' },
  // The lookups have no POST route, yet a body that cannot be read is refused before routing.
  ...hostileBodies({ email: 'a@acme.test' }, 'email').filter((c) => c.field === undefined).map((c): Case => ({ ...c, method: 'POST', path: '/v1/email-verifier' })),
  { name: 'a gzip body that does not decompress, without an API key', method: 'POST', path: '/v1/email-verifier', authenticated: false, options: { raw: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }, status: 400, code: 'malformed_json' },
];

describe('lookup-service: hostile inputs answer 4xx naming the field', () => {
  let database: TestDatabase;
  let dns: TestDnsServer;
  let service: LookupTestApp;
  let key: string;

  beforeAll(async () => {
    database = await createTestDatabase('lookup_bad');
    dns = await startTestDnsServer({ 'acme.test': 'nodata' });
    service = await startLookupTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('lookup_bad'),
      LOOKUP_DNS_SERVERS: dns.address,
    });
    key = (await service.createAccount('bad-inputs')).key;
  });

  afterAll(async () => {
    await service?.close();
    await dns?.close();
    await database?.drop();
  });

  it.each(cases.map((c) => [c.name, c] as const))('answers %s', async (_name, c) => {
    const client = apiClient(service.baseUrl, c.authenticated === false ? undefined : key);
    const result = await client.request(c.method, c.path, c.options);
    expect({ status: result.status, body: result.body }).toEqual({
      status: c.status,
      body: {
        statusCode: c.status,
        code: c.code,
        message: expect.any(String),
        ...(c.field === undefined ? {} : { field: c.field }),
      },
    });
  });
});
