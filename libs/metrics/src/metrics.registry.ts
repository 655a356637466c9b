import { collectDefaultMetrics, Registry } from 'prom-client';

/** Every metric of ours starts with this, Node's default ones included. */
export const metricPrefix = 'leadhooks_';

/**
 * One registry per app rather than prom-client's global one: the e2e specs run several
 * apps in one process, and each must expose only its own series. Every series carries
 * `service="<app>"`, so one Prometheus job can scrape all four apps.
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: metricPrefix });
  return registry;
}
