import type { IncomingMessage } from 'node:http';
import { createMetricsRegistry, parseExposition, sumOf } from '@leadhooks/metrics';
import { GatewayMetrics, gatewayRoute } from './gateway.metrics';

const request = (url: string, route?: string) =>
  ({
    url,
    route: route === undefined ? undefined : { path: route },
    baseUrl: '',
  }) as unknown as IncomingMessage;

describe('gatewayRoute', () => {
  it.each([
    ['/v1/leads?email=ada@example.test', undefined, '/v1/leads'],
    ['/v1/leads/5f0c8a4e-1d2b-4c3d-9e8f-000000000001', undefined, '/v1/leads/*'],
    ['/v1/webhooks/abc/secret/rotate', undefined, '/v1/webhooks/*'],
    ['/v1/email-verifier?email=a%40b.test', undefined, '/v1/email-verifier'],
    ['/v1/nobody/123', undefined, 'unmatched'],
    ['/health/ready', '/health/ready', '/health/ready'],
    ['/metrics', '/metrics', '/metrics'],
    // Refused targets (400 before routing): never labelled by what they name.
    ['http://127.0.0.1:9/v1/leads', undefined, 'unmatched'],
    ['//127.0.0.1:9/v1/leads', undefined, 'unmatched'],
    ['/v1/leads/../webhooks', undefined, 'unmatched'],
  ])('labels %s (route %s) as %s', (url, route, label) => {
    expect(gatewayRoute(request(url, route))).toBe(label);
  });
});

describe(GatewayMetrics.name, () => {
  it('counts upstream failures by service and kind', async () => {
    const registry = createMetricsRegistry('gateway');
    const metrics = new GatewayMetrics(registry);
    metrics.upstreamFailed('leads-service', 'refused');
    metrics.upstreamFailed('leads-service', 'refused');
    metrics.upstreamFailed('dispatcher', 'timeout');
    const samples = parseExposition(await registry.metrics());
    const errors = (labels: Record<string, string>) =>
      sumOf(samples, 'leadhooks_gateway_upstream_errors_total', labels);
    expect(errors({ service: 'leads-service', kind: 'unreachable' })).toBe(2);
    expect(errors({ service: 'dispatcher', kind: 'timeout' })).toBe(1);
    expect(errors({ service: 'gateway' })).toBe(0);
  });
});
