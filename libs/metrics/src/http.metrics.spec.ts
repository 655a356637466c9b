import type { AddressInfo } from 'node:net';
import express from 'express';
import { Registry } from 'prom-client';
import { HttpMetrics, httpMetricsMiddleware } from './http.metrics';

async function counted(registry: Registry): Promise<Record<string, number>> {
  const metric = await registry.getSingleMetric('leadhooks_http_requests_total')?.get();
  return Object.fromEntries(
    (metric?.values ?? []).map(({ labels, value }) => [
      `${labels.method} ${labels.route} ${labels.status}`,
      value,
    ]),
  );
}

describe(HttpMetrics.name, () => {
  it('labels requests with the route pattern, and "unmatched" when no route took them', async () => {
    const registry = new Registry();
    const app = express();
    app.use(httpMetricsMiddleware(new HttpMetrics(registry)));
    app.get('/v1/leads/:id', (_request, response) => void response.status(200).json({}));
    app.post('/v1/leads', (_request, response) => void response.status(201).json({}));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/v1/leads/1?email=ada@example.test`);
      await fetch(`${base}/v1/leads/2`);
      await fetch(`${base}/v1/leads`, { method: 'POST' });
      await fetch(`${base}/v1/unknown/3`);
      // The count moves when the response closes, just after the client has read it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await counted(registry)).toEqual({
        'GET /v1/leads/:id 200': 2,
        'POST /v1/leads 201': 1,
        'GET unmatched 404': 1,
      });
      const histogram = await registry.getSingleMetricAsString(
        'leadhooks_http_request_duration_seconds',
      );
      expect(histogram).toContain(
        'leadhooks_http_request_duration_seconds_count{method="GET",route="/v1/leads/:id",status="200"} 2',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('takes another route label where a custom one is given (a proxy has no Express route)', async () => {
    const registry = new Registry();
    const metrics = new HttpMetrics(registry);
    metrics.record({ method: 'GET', route: '/v1/leads/*', status: 502 }, 0.2);
    expect(await counted(registry)).toEqual({ 'GET /v1/leads/* 502': 1 });
  });
});
