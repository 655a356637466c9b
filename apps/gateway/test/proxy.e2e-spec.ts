import { closedLoopbackPort, type Receiver } from '@leadhooks/testing';
import { type RunningGateway, startGateway } from './support/gateway';
import { startStubService } from './support/stubs';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(30_000);

describe('gateway proxy', () => {
  let leads: Receiver;
  let dispatcher: Receiver;
  let lookup: Receiver;
  let gateway: RunningGateway;

  beforeAll(async () => {
    [leads, dispatcher, lookup] = await Promise.all([
      startStubService({ name: 'leads-service' }),
      startStubService({ name: 'dispatcher' }),
      startStubService({ name: 'lookup-service' }),
    ]);
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

  it.each([
    ['/v1/leads?limit=2', 'leads-service'],
    ['/v1/webhooks/abc/secret', 'dispatcher'],
    ['/v1/webhook-url/secret', 'dispatcher'],
    ['/v1/deliveries?webhook_id=1', 'dispatcher'],
    ['/v1/dead-letters', 'dispatcher'],
    ['/v1/email-verifier?email=a%40b.test', 'lookup-service'],
    ['/v1/phone-validator?phone=1', 'lookup-service'],
  ])('routes %s to %s with path and query intact', async (path, service) => {
    const answer = await fetch(gateway.url(path));
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-upstream')).toBe(service);
    expect(await answer.json()).toMatchObject({ service, method: 'GET', url: path });
  });

  it('streams the body and passes credentials and the request id through unchanged', async () => {
    const body = JSON.stringify({ email: 'a@b.test', notes: 'x'.repeat(200_000) });
    const answer = await fetch(gateway.url('/v1/leads'), {
      method: 'POST',
      headers: {
        authorization: 'Bearer lh_test_key',
        'x-api-key': 'lh_other',
        'content-type': 'application/json',
        'x-request-id': 'caller-id-1',
      },
      body,
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('x-request-id')).toBe('caller-id-1');
    const seen = leads.requests.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.body.toString('utf8')).toBe(body);
    expect(seen?.headers.authorization).toBe('Bearer lh_test_key');
    expect(seen?.headers['x-api-key']).toBe('lh_other');
    expect(seen?.headers['x-request-id']).toBe('caller-id-1');
  });

  it('creates a request id when the caller gives none (or an unusable one)', async () => {
    for (const given of [undefined, 'bad id with spaces']) {
      const answer = await fetch(gateway.url('/v1/deliveries'), {
        headers: given ? { 'x-request-id': given } : {},
      });
      const id = answer.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(dispatcher.requests.at(-1)?.headers['x-request-id']).toBe(id);
    }
  });

  it('answers an unknown /v1 path with 404 in the shared error shape', async () => {
    const answer = await fetch(gateway.url('/v1/nothing-here'));
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it('is live', async () => {
    const answer = await fetch(gateway.url('/health/live'));
    expect(answer.status).toBe(200);
  });

  it('is ready when every upstream is', async () => {
    const answer = await fetch(gateway.url('/health/ready'));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      status: 'ok',
      checks: {
        'leads-service': { status: 'up' },
        dispatcher: { status: 'up' },
        'lookup-service': { status: 'up' },
      },
    });
  });
});

describe('gateway with broken upstreams', () => {
  let hanging: Receiver;
  let notReady: Receiver;
  let gateway: RunningGateway;

  beforeAll(async () => {
    hanging = await startStubService({ name: 'lookup-service', hang: true });
    notReady = await startStubService({ name: 'dispatcher', ready: false });
    gateway = await startGateway({
      LEADS_SERVICE_URL: `http://127.0.0.1:${await closedLoopbackPort()}`,
      DISPATCHER_URL: notReady.url(''),
      LOOKUP_SERVICE_URL: hanging.url(''),
      GATEWAY_UPSTREAM_TIMEOUT_MS: '300',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([hanging?.close(), notReady?.close()]);
  });

  it('answers 502 JSON when the upstream refuses the connection', async () => {
    const answer = await fetch(gateway.url('/v1/leads'), { headers: { 'x-request-id': 'r-502' } });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('x-request-id')).toBe('r-502');
    expect(await answer.json()).toEqual({
      statusCode: 502,
      code: 'upstream_unavailable',
      message: 'leads-service is unavailable',
    });
  });

  it('answers 504 JSON, within its bound, when the upstream does not answer', async () => {
    const started = Date.now();
    const answer = await fetch(gateway.url('/v1/email-verifier?email=a%40b.test'));
    expect(answer.status).toBe(504);
    expect(await answer.json()).toMatchObject({ statusCode: 504, code: 'upstream_timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('is not ready, naming the upstreams that are not', async () => {
    const answer = await fetch(gateway.url('/health/ready'));
    expect(answer.status).toBe(503);
    const report = (await answer.json()) as { checks: Record<string, { status: string }> };
    expect(report.checks['leads-service'].status).toBe('down');
    expect(report.checks.dispatcher.status).toBe('down');
    expect(report.checks['lookup-service'].status).toBe('up');
  });
});
