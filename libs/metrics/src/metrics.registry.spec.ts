import { createMetricsRegistry } from './metrics.registry';

describe(createMetricsRegistry.name, () => {
  it('labels every series with the service and prefixes Node default metrics', async () => {
    const one = createMetricsRegistry('dispatcher');
    const other = createMetricsRegistry('gateway');
    const text = await one.metrics();
    expect(text).toMatch(/^leadhooks_process_cpu_seconds_total\{service="dispatcher"\} /m);
    expect(text).toContain('leadhooks_nodejs_eventloop_lag_seconds{service="dispatcher"}');
    // Separate registries: two apps in one process do not see each other's series.
    expect(await other.metrics()).not.toContain('service="dispatcher"');
  });
});
