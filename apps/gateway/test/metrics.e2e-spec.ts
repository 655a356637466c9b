import { parseExposition, sumOf, type MetricSample } from '@leadhooks/metrics';
import { closedLoopbackPort, waitFor, type Receiver } from '@leadhooks/testing';
import { type RunningGateway, startGateway } from './support/gateway';
import { startStubService } from './support/stubs';

jest.setTimeout(30_000);

describe('gateway /metrics', () => {
  let leads: Receiver;
  let dispatcher: Receiver;
  let gateway: RunningGateway;

  const scrape = async (): Promise<MetricSample[]> => {
    const answer = await fetch(gateway.url('/metrics'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/plain');
    return parseExposition(await answer.text());
  };

  beforeAll(async () => {
    leads = await startStubService({ name: 'leads-service' });
    dispatcher = await startStubService({ name: 'dispatcher', hang: true });
    gateway = await startGateway({
      LEADS_SERVICE_URL: leads.url(''),
      DISPATCHER_URL: dispatcher.url(''),
      LOOKUP_SERVICE_URL: `http://127.0.0.1:${await closedLoopbackPort()}`,
      GATEWAY_UPSTREAM_TIMEOUT_MS: '300',
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all([leads?.close(), dispatcher?.close()]);
  });

  it('is the gateway’s own, not proxied, and labelled service="gateway"', async () => {
    const samples = await scrape();
    expect(
      sumOf(samples, 'leadhooks_process_cpu_seconds_total', { service: 'gateway' }),
    ).toBeGreaterThan(0);
    expect(leads.requests.some((request) => request.url === '/metrics')).toBe(false);
  });

  it('counts proxied requests by owned prefix and upstream failures by service and kind', async () => {
    expect((await fetch(gateway.url('/v1/leads?email=ada@example.test'))).status).toBe(201);
    expect((await fetch(gateway.url('/v1/leads/1'))).status).toBe(201);
    expect((await fetch(gateway.url('/v1/leads/2'))).status).toBe(201);
    expect((await fetch(gateway.url('/v1/email-verifier?email=a%40b.test'))).status).toBe(502);
    expect((await fetch(gateway.url('/v1/webhooks'))).status).toBe(504);
    expect((await fetch(gateway.url('/v1/nobody'))).status).toBe(404);

    // Each request is counted when its response closes, a moment after the client has it.
    const samples = await waitFor('every request counted', async () => {
      const scraped = await scrape();
      return sumOf(scraped, 'leadhooks_http_requests_total', { route: 'unmatched' }) === 1
        ? scraped
        : undefined;
    });
    const requests = (labels: Record<string, string>) =>
      sumOf(samples, 'leadhooks_http_requests_total', labels);
    expect(requests({ method: 'GET', route: '/v1/leads', status: '201' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/leads/*', status: '201' })).toBe(2);
    expect(requests({ route: '/v1/email-verifier', status: '502' })).toBe(1);
    expect(requests({ route: '/v1/webhooks', status: '504' })).toBe(1);
    expect(requests({ route: 'unmatched', status: '404' })).toBe(1);
    expect(
      sumOf(samples, 'leadhooks_http_request_duration_seconds_count', { route: '/v1/leads/*' }),
    ).toBe(2);

    const errors = (labels: Record<string, string>) =>
      sumOf(samples, 'leadhooks_gateway_upstream_errors_total', labels);
    expect(errors({ service: 'lookup-service', kind: 'unreachable' })).toBe(1);
    expect(errors({ service: 'dispatcher', kind: 'timeout' })).toBe(1);
    expect(errors({ service: 'leads-service' })).toBe(0);
  });
});
