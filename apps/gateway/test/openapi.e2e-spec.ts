import type { Receiver } from '@leadhooks/testing';
import { type RunningGateway, startGateway } from './support/gateway';
import { startStubService } from './support/stubs';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(30_000);

describe('gateway OpenAPI', () => {
  let leads: Receiver;
  let dispatcher: Receiver;
  let lookup: Receiver;
  let gateway: RunningGateway;

  beforeAll(async () => {
    leads = await startStubService({ name: 'leads-service', paths: { '/v1/leads': { get: {} } } });
    dispatcher = await startStubService({
      name: 'dispatcher',
      paths: { '/v1/webhooks': { post: {} }, '/v1/deliveries': { get: {} } },
    });
    // Answers, but not with a document: a service that cannot describe itself right now.
    lookup = await startStubService({ name: 'lookup-service', docs: false });
    gateway = await startGateway({
      LEADS_SERVICE_URL: leads.url(''),
      DISPATCHER_URL: dispatcher.url(''),
      LOOKUP_SERVICE_URL: lookup.url(''),
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([leads?.close(), dispatcher?.close(), lookup?.close()]);
  });

  it('serves one document with every reachable service merged, naming the missing one', async () => {
    const answer = await fetch(gateway.url('/docs-json'));
    expect(answer.status).toBe(200);
    const document = (await answer.json()) as {
      openapi: string;
      info: { description: string };
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(document.openapi).toBe('3.0.0');
    // The services' paths, plus the gateway's own public event catalogue (decision 072).
    expect(Object.keys(document.paths)).toEqual([
      '/v1/deliveries',
      '/v1/event-types',
      '/v1/leads',
      '/v1/webhooks',
    ]);
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'Error',
      'EventTypeList',
      'dispatcher-Thing',
      'leads-service-Thing',
    ]);
    expect(document.components.securitySchemes.bearer).toBeDefined();
    expect(document.info.description).toContain(
      'Not included (service unavailable): lookup-service',
    );
  });

  it('serves the docs page and its assets locally', async () => {
    const page = await fetch(gateway.url('/docs'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']*\.js/);
    const init = await fetch(gateway.url('/docs/swagger-ui-init.js'));
    expect(init.status).toBe(200);
    expect(await init.text()).toContain('/v1/webhooks');
    const bundle = await fetch(gateway.url('/docs/swagger-ui-bundle.js'));
    expect(bundle.status).toBe(200);
  });
});
