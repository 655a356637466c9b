import { authEntities, AccountsService } from '@leadhooks/auth';
import { LeadhooksApiError, LeadhooksClient } from '@leadhooks/client';
import { PhoneValidatorResult } from '@leadhooks/contracts';
import {
  createTestDatabase,
  requireTestEnv,
  startAppProcess,
  uniqueName,
  workspaceRoot,
  type AppProcess,
  type TestDatabase,
} from '@leadhooks/testing';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { type RunningGateway, startGateway } from './support/gateway';

/** The snapshot libs/client's types are generated from (`npm run client:generate`). */
const snapshotPath = join(workspaceRoot, 'libs/client/openapi.json');

interface Operation {
  parameters?: { name: string; in: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  security?: unknown[];
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
}

interface Expected {
  errors: number[];
  body?: boolean;
  /** Takes an Idempotency-Key header (decision 070). */
  idempotent?: boolean;
}

/**
 * What each operation must document: the error statuses it can answer beyond
 * 401 and 503 (every operation can answer those), and whether it takes a body.
 */
const dispatcherOperations: Record<string, Expected> = {
  'get /v1/webhooks': { errors: [400] },
  'post /v1/webhooks': { errors: [400, 409, 413, 415, 422], body: true, idempotent: true },
  'get /v1/webhooks/{id}': { errors: [400, 404] },
  'patch /v1/webhooks/{id}': { errors: [400, 404, 409, 413, 415], body: true },
  'delete /v1/webhooks/{id}': { errors: [400, 404] },
  'get /v1/webhooks/{id}/secret': { errors: [400, 404] },
  'post /v1/webhooks/{id}/secret/rotate': { errors: [400, 404, 415], body: true },
  'get /v1/webhooks/{id}/public-key': { errors: [400, 404] },
  'post /v1/webhooks/{id}/public-key/rotate': { errors: [400, 404] },
  'post /v1/webhooks/{id}/test': { errors: [400, 404, 409, 422], idempotent: true },
  'post /v1/webhooks/{id}/backfill': { errors: [400, 404, 409, 413, 415, 422], body: true },
  'get /v1/webhooks/{id}/backfills/{backfillId}': { errors: [400, 404] },
  'post /v1/webhooks/{id}/backfills/{backfillId}/cancel': { errors: [400, 404] },
  'get /v1/webhook-url/secret': { errors: [] },
  'post /v1/webhook-url/secret/rotate': { errors: [] },
  'get /v1/deliveries': { errors: [400] },
  'get /v1/deliveries/{id}': { errors: [400, 404] },
  'get /v1/webhooks/{id}/health': { errors: [400, 404] },
  'post /v1/deliveries/{id}/resend': { errors: [400, 404, 409, 422], idempotent: true },
  'post /v1/deliveries/resend': {
    errors: [400, 409, 413, 415, 422],
    body: true,
    idempotent: true,
  },
  'get /v1/dead-letters': { errors: [400] },
  'post /v1/dead-letters/{id}/replay': { errors: [400, 404, 409, 422], idempotent: true },
  'post /v1/dead-letters/replay': {
    errors: [400, 409, 413, 415, 422],
    body: true,
    idempotent: true,
  },
  'put /v1/operational-webhook': { errors: [400, 413, 415], body: true },
  'get /v1/operational-webhook': { errors: [404] },
  'delete /v1/operational-webhook': { errors: [404] },
  'get /v1/operational-webhook/secret': { errors: [404] },
  'post /v1/operational-webhook/secret/rotate': { errors: [404] },
};
const leadsOperations: Record<string, Expected> = {
  'get /v1/leads': { errors: [400] },
  'post /v1/leads': { errors: [400, 409, 413, 415, 422], body: true, idempotent: true },
  'get /v1/leads/{id}': { errors: [400, 404] },
  'patch /v1/leads/{id}': { errors: [400, 404, 409, 413, 415], body: true },
  'delete /v1/leads/{id}': { errors: [400, 404] },
  'post /v1/api-keys': { errors: [400, 409, 413, 415, 422], body: true, idempotent: true },
  'get /v1/api-keys': { errors: [] },
  'delete /v1/api-keys/{id}': { errors: [400, 404] },
};
const lookupOperations: Record<string, Expected> = Object.fromEntries(
  [
    'email-verifier',
    'email-finder',
    'domain-search',
    'author-finder',
    'phone-finder',
    'phone-validator',
  ].map((lookup) => [`get /v1/${lookup}`, { errors: [400] }]),
);
/** The gateway's own operations: public, so no 401, and no dependency to be out. */
const publicOperations = ['get /v1/event-types'];
const expectedOperations: Record<string, Expected> = {
  ...dispatcherOperations,
  ...leadsOperations,
  ...lookupOperations,
  ...Object.fromEntries(publicOperations.map((key) => [key, { errors: [] }])),
};

describe('the API contract, as the gateway serves it', () => {
  let database: TestDatabase;
  let dispatcher: AppProcess;
  let leads: AppProcess;
  let lookups: AppProcess;
  let gateway: RunningGateway;
  let document: Document;
  let apiKey: string;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_contract');
    dispatcher = await startAppProcess({
      app: 'dispatcher',
      portVariable: 'DISPATCHER_PORT',
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('gateway_contract'),
        DISPATCHER_CONSUMERS: 'none',
      },
      readyPath: '/health/live',
    });
    leads = await startAppProcess({
      app: 'leads-service',
      portVariable: 'PORT',
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('gateway_contract'),
      },
      readyPath: '/health/live',
    });
    lookups = await startAppProcess({
      app: 'lookup-service',
      portVariable: 'PORT',
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('gateway_contract'),
        DIRECTORY_CONSUMER_ENABLED: 'false',
      },
      readyPath: '/health/live',
    });
    gateway = await startGateway({
      DISPATCHER_URL: dispatcher.baseUrl,
      LEADS_SERVICE_URL: leads.baseUrl,
      LOOKUP_SERVICE_URL: lookups.baseUrl,
    });
    const answer = await fetch(gateway.url('/docs-json'));
    expect(answer.status).toBe(200);
    document = (await answer.json()) as Document;
    const dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      entities: authEntities,
    }).initialize();
    try {
      apiKey = (await new AccountsService(dataSource).createAccountWithKey('contract')).apiKey.key;
    } finally {
      await dataSource.destroy();
    }
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([dispatcher?.stop(), leads?.stop(), lookups?.stop()]);
    await database?.drop();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method} ${path}`,
        path,
        operation,
      })),
    );

  it('lists exactly the operations of every service and the gateway', () => {
    expect(
      operations()
        .map(({ key }) => key)
        .sort(),
    ).toEqual(Object.keys(expectedOperations).sort());
  });

  it.each(Object.entries(expectedOperations))('documents %s completely', (key, expected) => {
    const [method, path] = key.split(' ');
    const operation = document.paths[path][method];
    // Path parameters, each with a schema.
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === name);
      expect({ key, name, schema: parameter?.schema }).toEqual({
        key,
        name,
        schema: expect.objectContaining({ type: 'string' }),
      });
    }
    // A body where one is taken, as a schema of components.
    if (expected.body)
      expect(operation.requestBody?.content?.['application/json']?.schema).toEqual({
        $ref: expect.stringMatching(/^#\/components\/schemas\//),
      });
    // A 2xx with a schema (204 has no body).
    const success = Object.keys(operation.responses).filter((status) => status.startsWith('2'));
    expect(success).toHaveLength(1);
    if (success[0] !== '204')
      expect(operation.responses[success[0]].content?.['application/json']?.schema).toEqual({
        $ref: expect.stringMatching(/^#\/components\/schemas\//),
      });
    if (publicOperations.includes(key)) {
      expect(operation.security).toEqual([]);
      return;
    }
    // Every error status, with the one error shape.
    for (const status of [...expected.errors, 401, 503])
      expect({
        key,
        status,
        schema: operation.responses[String(status)]?.content?.['application/json']?.schema,
      }).toEqual({ key, status, schema: { $ref: '#/components/schemas/Error' } });
    // The Idempotency-Key header where it is honoured, and nowhere else.
    const idempotencyKey = operation.parameters?.find(
      (p) => p.in === 'header' && p.name === 'Idempotency-Key',
    );
    expect({ key, idempotencyKey: idempotencyKey?.schema }).toEqual({
      key,
      idempotencyKey: expected.idempotent
        ? expect.objectContaining({ type: 'string', maxLength: 255 })
        : undefined,
    });
    // The API key schemes.
    expect(operation.security).toEqual(
      expect.arrayContaining([{ bearer: [] }, { apiKeyHeader: [] }]),
    );
  });

  it('documents the delivery filters and paging as query parameters with their constraints', () => {
    const parameters = document.paths['/v1/deliveries'].get.parameters ?? [];
    const byName = Object.fromEntries(parameters.map((p) => [p.name, p.schema]));
    expect(Object.keys(byName).sort()).toEqual(
      ['cursor', 'event_id', 'event_type', 'from', 'limit', 'status', 'to', 'webhook_id'].sort(),
    );
    expect(byName.limit).toMatchObject({ type: 'integer', minimum: 1, maximum: 100, default: 50 });
    expect(byName.status).toMatchObject({ enum: expect.arrayContaining(['dead', 'delivered']) });
    expect(byName.webhook_id).toMatchObject({ format: 'uuid' });
  });

  it('resolves every $ref of the document', () => {
    const refs = [
      ...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g),
    ];
    expect(refs.length).toBeGreaterThan(0);
    for (const [, name] of refs)
      expect({ name, found: name in document.components.schemas }).toEqual({ name, found: true });
  });

  it('is the committed snapshot of libs/client, so a stale client breaks the build', () => {
    if (process.env.UPDATE_OPENAPI_SNAPSHOT === '1')
      writeFileSync(snapshotPath, `${JSON.stringify(document, null, 2)}\n`);
    // Regenerate with `npm run client:generate` when this fails after an API change.
    expect(JSON.parse(readFileSync(snapshotPath, 'utf8'))).toEqual(document);
  });

  it('is what the typed client generated from it calls: a webhook, a lookup, the event types', async () => {
    const client = new LeadhooksClient({ baseUrl: gateway.url(''), apiKey });
    const created = await client.post('/v1/webhooks', {
      body: { name: 'contract', url: 'https://receiver.test/hooks', events: ['save_lead'] },
    });
    const read = await client.get('/v1/webhooks/{id}', { path: { id: created.id } });
    expect(read).toMatchObject({ id: created.id, url: 'https://receiver.test/hooks' });
    const phone = await client.get('/v1/phone-validator', { query: { phone: '+44 20 7946 0958' } });
    expect(PhoneValidatorResult.parse(phone).e164).toBe('+442079460958');
    const types = await client.get('/v1/event-types', {});
    expect(types.data.map((type) => type.name)).toContain('lookup.completed');
    const missing = client.get('/v1/webhooks/{id}', {
      path: { id: '00000000-0000-4000-8000-000000000000' },
    });
    await expect(missing).rejects.toBeInstanceOf(LeadhooksApiError);
    await expect(missing).rejects.toMatchObject({ status: 404, body: { statusCode: 404 } });
  });
});
