import { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { DeliveryLogMetrics } from './delivery-log.metrics';

describe(DeliveryLogMetrics.name, () => {
  it('reads sizes at scrape time, and keeps the last ones when Postgres does not answer', async () => {
    let answer: () => Promise<unknown> = async () => [
      { table: 'delivery', rows: '12', bytes: '81920' },
      { table: 'attempt', rows: '30', bytes: '65536' },
    ];
    const dataSource = { query: () => answer() } as unknown as DataSource;
    const registry = new Registry();
    const metrics = new DeliveryLogMetrics(registry, dataSource);

    const first = await registry.metrics();
    expect(first).toContain('leadhooks_delivery_log_rows{table="delivery"} 12');
    expect(first).toContain('leadhooks_delivery_log_bytes{table="attempt"} 65536');

    answer = () => Promise.reject(new Error('connection refused'));
    const second = await registry.metrics();
    expect(second).toContain('leadhooks_delivery_log_rows{table="delivery"} 12');
    expect(second).toContain('leadhooks_delivery_log_bytes{table="delivery"} 81920');

    metrics.purgedDeliveries(3, 1);
    const third = await registry.metrics();
    expect(third).toContain('leadhooks_delivery_log_purged_total{action="deleted"} 3');
    expect(third).toContain('leadhooks_delivery_log_purged_total{action="body_dropped"} 1');
  });
});
