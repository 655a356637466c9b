import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { leadFieldNames, Topics } from '@leadhooks/contracts';
import { freePort } from '@leadhooks/testing';
import { type RunningGateway, startGateway } from './support/gateway';

interface EventTypeAnswer {
  data: {
    name: string;
    subscribable: boolean;
    schema: {
      $schema?: string;
      properties?: Record<string, { required?: string[] }>;
      anyOf?: unknown[];
    };
  }[];
}

/** The catalogue and the AsyncAPI document are the gateway's own: no service has to be up. */
describe('the event catalogue and the AsyncAPI document, through the gateway', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    gateway = await startGateway({
      DISPATCHER_URL: closed,
      LEADS_SERVICE_URL: closed,
      LOOKUP_SERVICE_URL: closed,
    });
  });
  afterAll(() => gateway?.close());

  it('lists save_lead and lookup.completed without an API key, each with a JSON Schema of its body', async () => {
    const answer = await fetch(gateway.url('/v1/event-types'));
    expect(answer.status).toBe(200);
    const { data } = (await answer.json()) as EventTypeAnswer;
    const byName = new Map(data.map((entry) => [entry.name, entry]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['save_lead', 'lookup.completed']));
    const saveLead = byName.get('save_lead')!;
    expect(saveLead.subscribable).toBe(true);
    expect(saveLead.schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // The body is {"data": {...}} with the lead's eleven fields.
    expect([...(saveLead.schema.properties?.data.required ?? [])].sort()).toEqual(
      [...leadFieldNames].sort(),
    );
    // A lookup's webhook body is one of the six lookup results.
    expect(byName.get('lookup.completed')!.schema.anyOf).toHaveLength(6);
    expect(byName.get('lookup.completed')!.subscribable).toBe(false);
  });

  it('lists the catalogue in the merged OpenAPI document as a public operation', async () => {
    const answer = await fetch(gateway.url('/docs-json'));
    const document = (await answer.json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(document.paths['/v1/event-types'].get.security).toEqual([]);
    expect(document.components.schemas.EventTypeList).toBeDefined();
  });

  it('serves an AsyncAPI 3.0 document that the AsyncAPI parser reads with no error and every topic', async () => {
    const answer = await fetch(gateway.url('/asyncapi.json'));
    expect(answer.status).toBe(200);
    const { document, diagnostics } = await new Parser().parse(await answer.text());
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    expect(document!.version()).toBe('3.0.0');
    const addresses = document!
      .channels()
      .all()
      .map((channel) => channel.address());
    expect([...addresses].sort()).toEqual(Object.values(Topics).sort());
  });

  it.each([
    ['POST', '/v1/event-types', 404],
    ['DELETE', '/v1/event-types', 404],
    ['GET', '/v1/event-types/save_lead', 404],
    ['GET', '/v1/event-types?type=%00%ff', 200],
    ['PUT', '/asyncapi.json', 404],
  ])('answers a hostile %s %s with %i and the error shape', async (method, path, status) => {
    const answer = await fetch(gateway.url(path), {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{"data":',
    });
    expect(answer.status).toBe(status);
    const body = (await answer.json()) as Record<string, unknown>;
    if (status === 404)
      expect(body).toMatchObject({ statusCode: 404, message: expect.any(String) });
    else expect(body).toHaveProperty('data');
  });
});
