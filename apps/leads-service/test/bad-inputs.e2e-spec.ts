import {
  createTestDatabase,
  requireTestEnv,
  uniqueName,
  type TestDatabase,
} from '@leadhooks/testing';
import { apiClient, hostileBodies, type ApiClient, type RequestOptions } from '@leadhooks/testing';
import { expectLead } from './support/fixtures';
import { startLeadsTestApp, type LeadsTestApp } from './support/leads-test-app';

// The documented limit (docs/decisions/033-request-body-limit.md), set explicitly so the
// test does not silently follow a changed default.
const bodyLimit = 64 * 1024;

interface Case {
  name: string;
  method: 'POST' | 'PATCH' | 'GET' | 'DELETE';
  /** `:id` is replaced with an existing lead's id. */
  path: string;
  options?: RequestOptions;
  /** undefined: the account's key; null: no key; a string: that key. */
  key?: string | null;
  status: number;
  code: string;
  field?: string;
}

const valid = { email: 'valid@example.test' };

// One line per case reads as the table it is.
// prettier-ignore
const cases: Case[] = [
  { name: 'no API key', method: 'POST', path: '/v1/leads', options: { json: valid }, key: null, status: 401, code: 'unauthorized' },
  { name: 'a wrong API key', method: 'GET', path: '/v1/leads', key: 'lh_000000000000_' + 'A'.repeat(43), status: 401, code: 'unauthorized' },
  { name: 'a malformed API key', method: 'GET', path: '/v1/leads/:id', key: 'secret', status: 401, code: 'unauthorized' },
  { name: 'a Basic Authorization header', method: 'GET', path: '/v1/leads', key: null, options: { headers: { authorization: 'Basic dTpw' } }, status: 401, code: 'unauthorized' },
  { name: 'a bad email', method: 'POST', path: '/v1/leads', options: { json: { email: 'not-an-email' } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a missing email', method: 'POST', path: '/v1/leads', options: { json: { website: 'x.test' } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a null email', method: 'PATCH', path: '/v1/leads/:id', options: { json: { email: null } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'an email over 254 characters', method: 'POST', path: '/v1/leads', options: { json: { email: `${'a'.repeat(64)}@${'b'.repeat(190)}.test` } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a number for a name', method: 'POST', path: '/v1/leads', options: { json: { ...valid, first_name: 42 } }, status: 400, code: 'validation_failed', field: 'first_name' },
  { name: 'a null website', method: 'POST', path: '/v1/leads', options: { json: { ...valid, website: null } }, status: 400, code: 'validation_failed', field: 'website' },
  { name: 'a string score', method: 'POST', path: '/v1/leads', options: { json: { ...valid, score: '50' } }, status: 400, code: 'validation_failed', field: 'score' },
  { name: 'a fractional score', method: 'PATCH', path: '/v1/leads/:id', options: { json: { score: 1.5 } }, status: 400, code: 'validation_failed', field: 'score' },
  { name: 'a score above 100', method: 'POST', path: '/v1/leads', options: { json: { ...valid, score: 101 } }, status: 400, code: 'validation_failed', field: 'score' },
  { name: 'a negative score', method: 'PATCH', path: '/v1/leads/:id', options: { json: { score: -1 } }, status: 400, code: 'validation_failed', field: 'score' },
  { name: 'a huge score', method: 'POST', path: '/v1/leads', options: { raw: '{"email":"a@b.test","score":1e400}' }, status: 400, code: 'validation_failed', field: 'score' },
  { name: 'a huge string', method: 'POST', path: '/v1/leads', options: { json: { ...valid, notes: 'x'.repeat(10_001) } }, status: 400, code: 'validation_failed', field: 'notes' },
  { name: 'a company over 255 characters', method: 'PATCH', path: '/v1/leads/:id', options: { json: { company: 'c'.repeat(256) } }, status: 400, code: 'validation_failed', field: 'company' },
  { name: 'a NUL character', method: 'POST', path: '/v1/leads', options: { json: { ...valid, notes: 'a\u0000b' } }, status: 400, code: 'validation_failed', field: 'notes' },
  { name: 'an unknown field', method: 'POST', path: '/v1/leads', options: { json: { ...valid, id: 'mine' } }, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'an unknown field in a patch', method: 'PATCH', path: '/v1/leads/:id', options: { json: { version: 9 } }, status: 400, code: 'validation_failed', field: 'version' },
  { name: 'a JSON array body', method: 'POST', path: '/v1/leads', options: { raw: '[]' }, status: 400, code: 'validation_failed' },
  { name: 'a JSON string body', method: 'POST', path: '/v1/leads', options: { raw: '"a@b.test"' }, status: 400, code: 'malformed_json' },
  { name: 'malformed JSON', method: 'POST', path: '/v1/leads', options: { raw: '{"email": "a@b.test",' }, status: 400, code: 'malformed_json' },
  { name: 'malformed JSON in a patch', method: 'PATCH', path: '/v1/leads/:id', options: { raw: "{'score': 1}" }, status: 400, code: 'malformed_json' },
  { name: 'a body over the limit', method: 'POST', path: '/v1/leads', options: { json: { ...valid, notes: 'x'.repeat(bodyLimit) } }, status: 413, code: 'payload_too_large' },
  { name: 'a form instead of JSON', method: 'POST', path: '/v1/leads', options: { raw: 'email=a@b.test', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, status: 415, code: 'unsupported_media_type' },
  { name: 'an unknown query parameter', method: 'GET', path: '/v1/leads?sort=email', status: 400, code: 'validation_failed', field: 'sort' },
  { name: 'a limit above 100', method: 'GET', path: '/v1/leads?limit=101', status: 400, code: 'validation_failed', field: 'limit' },
  { name: 'a limit of zero', method: 'GET', path: '/v1/leads?limit=0', status: 400, code: 'validation_failed', field: 'limit' },
  { name: 'a repeated query parameter', method: 'GET', path: '/v1/leads?email=a@b.test&email=c@d.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a bad email filter', method: 'GET', path: '/v1/leads?email=nope', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a bad domain filter', method: 'GET', path: '/v1/leads?domain=-bad-.test', status: 400, code: 'validation_failed', field: 'domain' },
  { name: 'a forged cursor', method: 'GET', path: '/v1/leads?cursor=eyJhIjoxfQ', status: 400, code: 'validation_failed', field: 'cursor' },
  { name: 'a malformed lead id', method: 'GET', path: '/v1/leads/123', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL as the lead id', method: 'GET', path: '/v1/leads/%00', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL after a lead id', method: 'PATCH', path: '/v1/leads/:id%00', options: { json: { score: 1 } }, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a lead id to delete', method: 'DELETE', path: '/v1/leads/%00', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in the email filter', method: 'GET', path: '/v1/leads?email=a%00@b.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a NUL in the domain filter', method: 'GET', path: '/v1/leads?domain=%00', status: 400, code: 'validation_failed', field: 'domain' },
  { name: 'an email filter that is not UTF-8', method: 'GET', path: '/v1/leads?email=caf%E9@b.test', status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a NUL in the cursor', method: 'GET', path: '/v1/leads?cursor=%00', status: 400, code: 'validation_failed', field: 'cursor' },
  { name: 'a NUL in an unknown query parameter', method: 'GET', path: '/v1/leads?x%00=1', status: 400, code: 'validation_failed', field: 'x\u0000' },
  { name: 'an email local part over 64 characters', method: 'POST', path: '/v1/leads', options: { json: { email: `${'a'.repeat(65)}@example.test` } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'an email local part over 64 characters in a patch', method: 'PATCH', path: '/v1/leads/:id', options: { json: { email: `${'a'.repeat(65)}@example.test` } }, status: 400, code: 'validation_failed', field: 'email' },
  { name: 'a lone surrogate in a patch', method: 'PATCH', path: '/v1/leads/:id', options: { raw: '{"first_name":"\\udfff"}' }, status: 400, code: 'validation_failed', field: 'first_name' },
  ...hostileBodies(valid, 'notes').map((c): Case => ({ ...c, method: 'POST', path: '/v1/leads' })),
  ...hostileBodies({ company: 'c' }, 'company').map((c): Case => ({ ...c, name: `${c.name} (patch)`, method: 'PATCH', path: '/v1/leads/:id' })),
  { name: 'a bad percent-encoding', method: 'GET', path: '/v1/leads/%E0%A4%A', status: 400, code: 'validation_failed' },
  { name: 'an unknown route', method: 'GET', path: '/v1/nothing', status: 404, code: 'not_found' },
];

describe('bad inputs', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let key: string;
  let leadId: string;

  beforeAll(async () => {
    database = await createTestDatabase('leads_bad');
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('leads_bad'),
      HTTP_BODY_LIMIT_BYTES: String(bodyLimit),
    });
    key = (await service.createAccount('bad-inputs')).key;
    leadId = expectLead(
      await apiClient(service.baseUrl, key).post('/v1/leads', { email: 'existing@example.test' }),
      201,
    ).id;
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    'answers %s with the documented 4xx',
    async (_name, c) => {
      const client: ApiClient = apiClient(
        service.baseUrl,
        c.key === null ? undefined : (c.key ?? key),
      );
      const result = await client.request(c.method, c.path.replace(':id', leadId), c.options);
      expect({ status: result.status, body: result.body }).toEqual({
        status: c.status,
        body: {
          statusCode: c.status,
          code: c.code,
          message: expect.any(String),
          ...(c.field === undefined ? {} : { field: c.field }),
        },
      });
      if (c.field !== undefined)
        expect((result.body as { message: string }).message).toContain(c.field);
    },
  );

  it('left the existing lead untouched by all of that', async () => {
    const lead = expectLead(await apiClient(service.baseUrl, key).get(`/v1/leads/${leadId}`), 200);
    expect(lead.version).toBe(1);
  });
});
