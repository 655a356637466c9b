import {
  apiClient,
  createTestDatabase,
  hostileBodies,
  testKafkaBrokers,
  uniqueName,
  type RequestOptions,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** `:webhook` is replaced with an existing webhook's id. */
  path: string;
  options?: RequestOptions;
  /** false: sent without an API key (body-level refusals come before authentication). */
  authenticated?: boolean;
  status: number;
  code: string;
  field?: string;
}

const webhook = { name: 'bad-inputs', url: 'https://hooks.example.test/in' };
const withHeader = (value: string) => ({
  json: { ...webhook, name: uniqueName('h'), headers: { 'X-Token': value } },
});
const deliveryId = `msg_${'a'.repeat(26)}`;

// One line per case reads as the table it is.
// prettier-ignore
const cases: Case[] = [
  { name: 'a NUL as a delivery id', method: 'GET', path: '/v1/deliveries/%00', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL after a delivery id', method: 'GET', path: `/v1/deliveries/${deliveryId}%00`, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a delivery id of another form', method: 'GET', path: '/v1/deliveries/123', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a delivery id that is too long', method: 'GET', path: `/v1/deliveries/${'a'.repeat(5000)}`, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'an encoded lone surrogate as a delivery id', method: 'GET', path: '/v1/deliveries/%ED%A0%80', status: 400, code: 'validation_failed' },
  { name: 'a NUL as event_id', method: 'GET', path: '/v1/deliveries?event_id=%00', status: 400, code: 'validation_failed', field: 'event_id' },
  { name: 'an event_id that is not UTF-8', method: 'GET', path: '/v1/deliveries?event_id=%FF', status: 400, code: 'validation_failed', field: 'event_id' },
  { name: 'a space in event_id', method: 'GET', path: '/v1/deliveries?event_id=a%20b', status: 400, code: 'validation_failed', field: 'event_id' },
  { name: 'event_id twice', method: 'GET', path: '/v1/deliveries?event_id=a&event_id=b', status: 400, code: 'validation_failed', field: 'event_id' },
  { name: 'a NUL as webhook_id', method: 'GET', path: '/v1/deliveries?webhook_id=%00', status: 400, code: 'validation_failed', field: 'webhook_id' },
  { name: 'a NUL as limit', method: 'GET', path: '/v1/deliveries?limit=%00', status: 400, code: 'validation_failed', field: 'limit' },
  { name: 'a NUL as from', method: 'GET', path: '/v1/dead-letters?from=%00', status: 400, code: 'validation_failed', field: 'from' },
  { name: 'a NUL as a dead letter id', method: 'POST', path: '/v1/dead-letters/%00/replay', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a dead letter id of another form', method: 'POST', path: '/v1/dead-letters/x/replay', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a bulk replay filter', method: 'POST', path: '/v1/dead-letters/replay', options: { raw: '{"webhook_id":"\\u0000"}' }, status: 400, code: 'validation_failed', field: 'webhook_id' },
  { name: 'a NUL as a webhook id', method: 'GET', path: '/v1/webhooks/%00', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a webhook id to change', method: 'PATCH', path: '/v1/webhooks/:webhook%00', options: { json: { enabled: false } }, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a webhook id to delete', method: 'DELETE', path: '/v1/webhooks/%00', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a webhook id for its secret', method: 'GET', path: '/v1/webhooks/%00/secret', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a webhook id to rotate', method: 'POST', path: '/v1/webhooks/%00/secret/rotate', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL in a webhook id to test', method: 'POST', path: '/v1/webhooks/%00/test', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a webhook id that is not a UUID', method: 'GET', path: '/v1/webhooks/not-a-uuid', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'U+2028 in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('a\u2028b'), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a vertical tab in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('a\u000bb'), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'DEL in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('a\u007fb'), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a NUL in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('a\u0000b'), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a Latin-1 letter in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('caf\u00e9'), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a trailing space in a header value', method: 'POST', path: '/v1/webhooks', options: withHeader('a '), status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'U+2028 in a header value of a change', method: 'PATCH', path: '/v1/webhooks/:webhook', options: { json: { headers: { 'X-Token': '\u2028' } } }, status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a URL with port 0', method: 'POST', path: '/v1/webhooks', options: { json: { ...webhook, url: 'https://hooks.example.test:0/in' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'a URL with port 0 in a change', method: 'PATCH', path: '/v1/webhooks/:webhook', options: { json: { url: 'https://hooks.example.test:00/in' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'a NUL in a URL', method: 'POST', path: '/v1/webhooks', options: { json: { ...webhook, url: 'https://hooks.example.test/\u0000' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'a lone surrogate in a name', method: 'POST', path: '/v1/webhooks', options: { raw: '{"name":"\\ud83d","url":"https://hooks.example.test/in"}' }, status: 400, code: 'validation_failed', field: 'name' },
  ...hostileBodies(webhook, 'name').map((c): Case => ({ ...c, method: 'POST', path: '/v1/webhooks' })),
  { name: 'a private address as the operational webhook', method: 'PUT', path: '/v1/operational-webhook', options: { json: { url: 'https://10.0.0.1/ops' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'the metadata address as the operational webhook', method: 'PUT', path: '/v1/operational-webhook', options: { json: { url: 'https://169.254.169.254/latest' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'localhost as the operational webhook', method: 'PUT', path: '/v1/operational-webhook', options: { json: { url: 'https://localhost/ops' } }, status: 400, code: 'validation_failed', field: 'url' },
  { name: 'a CR LF in an operational webhook header', method: 'PUT', path: '/v1/operational-webhook', options: { json: { url: 'https://hooks.example.test/ops', headers: { 'X-Token': 'a\r\nInjected: 1' } } }, status: 400, code: 'validation_failed', field: 'headers.X-Token' },
  { name: 'a signature header on the operational webhook', method: 'PUT', path: '/v1/operational-webhook', options: { json: { url: 'https://hooks.example.test/ops', headers: { 'webhook-signature': 'v1,x' } } }, status: 400, code: 'validation_failed', field: 'headers.webhook-signature' },
  ...hostileBodies({ url: 'https://hooks.example.test/ops' }, 'url').map((c): Case => ({ ...c, name: `${c.name} (operational webhook)`, method: 'PUT', path: '/v1/operational-webhook' })),
  ...hostileBodies({}, 'webhook_id').map((c): Case => ({ ...c, name: `${c.name} (bulk replay)`, method: 'POST', path: '/v1/dead-letters/replay' })),
  { name: 'a NUL in a webhook id to backfill', method: 'POST', path: '/v1/webhooks/%00/backfill', options: { json: { since: '2026-12-01T00:00:00Z' } }, status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a NUL as a backfill id', method: 'GET', path: '/v1/webhooks/:webhook/backfills/%00', status: 400, code: 'validation_failed', field: 'backfillId' },
  { name: 'a NUL as a backfill id to cancel', method: 'POST', path: '/v1/webhooks/:webhook/backfills/%00/cancel', status: 400, code: 'validation_failed', field: 'backfillId' },
  ...hostileBodies({ since: '2026-12-01T00:00:00Z' }, 'since').map((c): Case => ({ ...c, name: `${c.name} (backfill)`, method: 'POST', path: '/v1/webhooks/:webhook/backfill' })),
  { name: 'a gzip body that does not decompress, without an API key', method: 'POST', path: '/v1/webhooks', authenticated: false, options: { raw: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } }, status: 400, code: 'malformed_json' },
  { name: 'an unknown Content-Encoding, without an API key', method: 'POST', path: '/v1/dead-letters/replay', authenticated: false, options: { raw: '{}', headers: { 'content-type': 'application/json', 'content-encoding': 'zstd2' } }, status: 415, code: 'unsupported_media_type' },  // Issue 23 items 3, 5, 6 (decisions 075, 076): the public key, own secrets, filters.
  { name: 'a NUL in a webhook id for its public key', method: 'GET', path: '/v1/webhooks/%00/public-key', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a webhook id of another form to rotate its key', method: 'POST', path: '/v1/webhooks/x/public-key/rotate', status: 400, code: 'validation_failed', field: 'id' },
  { name: 'a list as the body of a secret rotation', method: 'POST', path: '/v1/webhooks/:webhook/secret/rotate', options: { json: [] }, status: 400, code: 'validation_failed' },
  { name: 'an unknown field in a secret rotation', method: 'POST', path: '/v1/webhooks/:webhook/secret/rotate', options: { json: { secret_key: 'x' } }, status: 400, code: 'validation_failed', field: 'secret_key' },
  ...hostileBodies({}, 'secret').map((c): Case => ({ ...c, name: `${c.name} (own secret on rotate)`, method: 'POST', path: '/v1/webhooks/:webhook/secret/rotate' })),
  ...hostileBodies(webhook, 'filter').map((c): Case => ({ ...c, name: `${c.name} (filter)`, method: 'POST', path: '/v1/webhooks' })),
  { name: 'a filter nested too deep', method: 'PATCH', path: '/v1/webhooks/:webhook', options: { json: { filter: { not: { not: { not: { not: { path: 'data.score', gt: 1 } } } } } } }, status: 400, code: 'validation_failed', field: 'filter.not.not.not' },
  { name: 'a NUL in a filter path', method: 'PATCH', path: '/v1/webhooks/:webhook', options: { json: { filter: { path: 'data.\u0000', eq: 1 } } }, status: 400, code: 'validation_failed', field: 'filter.path' },
  { name: 'an empty scheme list', method: 'PATCH', path: '/v1/webhooks/:webhook', options: { json: { signature_schemes: [] } }, status: 400, code: 'validation_failed', field: 'signature_schemes' },
];

describe('dispatcher: hostile inputs answer 4xx naming the field', () => {
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let key: string;
  let webhookId: string;

  beforeAll(async () => {
    database = await createTestDatabase('dispatcher_bad');
    service = await startDispatcherTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-bad'),
      DISPATCHER_CONSUMERS: 'none',
    });
    key = (await service.createAccount('bad-inputs')).key;
    const created = await apiClient(service.baseUrl, key).post('/v1/webhooks', webhook);
    expect(created.status).toBe(201);
    webhookId = (created.body as { id: string }).id;
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it.each(cases.map((c) => [c.name, c] as const))('answers %s', async (_name, c) => {
    const client = apiClient(service.baseUrl, c.authenticated === false ? undefined : key);
    const result = await client.request(c.method, c.path.replace(':webhook', webhookId), c.options);
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

  it('still answers well-formed ids: 404 for an unknown delivery, 200 for the webhook', async () => {
    const client = apiClient(service.baseUrl, key);
    expect((await client.get(`/v1/deliveries/${deliveryId}`)).status).toBe(404);
    expect((await client.get(`/v1/deliveries?event_id=${deliveryId}`)).status).toBe(200);
    expect((await client.get(`/v1/webhooks/${webhookId.toUpperCase()}`)).status).toBe(200);
  });

  it('left the existing webhook untouched by all of that', async () => {
    const result = await apiClient(service.baseUrl, key).get(`/v1/webhooks/${webhookId}`);
    expect(result.body).toMatchObject({ ...webhook, enabled: true, headers: {} });
  });
});
