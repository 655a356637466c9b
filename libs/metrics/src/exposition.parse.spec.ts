import { Counter, Histogram, Registry } from 'prom-client';
import { parseExposition, sumOf } from './exposition.parse';

describe(parseExposition.name, () => {
  it('reads what prom-client writes, labels with escapes included', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'dispatcher' });
    const counter = new Counter({
      name: 'leadhooks_deliveries_total',
      help: 'h',
      labelNames: ['outcome'],
      registers: [registry],
    });
    counter.inc({ outcome: 'delivered' }, 3);
    counter.inc({ outcome: 'say "hi"\\ \n' });
    const histogram = new Histogram({
      name: 'leadhooks_delivery_attempt_duration_seconds',
      help: 'h',
      labelNames: ['outcome'],
      buckets: [0.1, 1],
      registers: [registry],
    });
    histogram.observe({ outcome: 'success' }, 0.5);

    const samples = parseExposition(await registry.metrics());
    expect(samples).toContainEqual({
      name: 'leadhooks_deliveries_total',
      labels: { service: 'dispatcher', outcome: 'delivered' },
      value: 3,
    });
    expect(samples).toContainEqual({
      name: 'leadhooks_deliveries_total',
      labels: { service: 'dispatcher', outcome: 'say "hi"\\ \n' },
      value: 1,
    });
    expect(sumOf(samples, 'leadhooks_delivery_attempt_duration_seconds_bucket', { le: '1' })).toBe(
      1,
    );
    expect(
      sumOf(samples, 'leadhooks_delivery_attempt_duration_seconds_bucket', { le: '0.1' }),
    ).toBe(0);
    expect(sumOf(samples, 'leadhooks_deliveries_total')).toBe(4);
    expect(sumOf(samples, 'leadhooks_deliveries_total', { outcome: 'retry' })).toBe(0);
  });
});
