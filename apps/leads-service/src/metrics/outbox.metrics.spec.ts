import { createMetricsRegistry, parseExposition, sumOf } from '@leadhooks/metrics';
import type { DataSource } from 'typeorm';
import { OutboxMetrics } from './outbox.metrics';

/** Stands in for Postgres answering (or failing) the backlog query. */
const database = (answer: () => Promise<unknown>) => ({ query: answer }) as unknown as DataSource;

describe(OutboxMetrics.name, () => {
  it('reads the backlog at scrape time and counts what was published', async () => {
    const registry = createMetricsRegistry('leads-service');
    const metrics = new OutboxMetrics(
      registry,
      database(async () => [{ pending: 3, oldest_seconds: 12.5 }]),
    );
    metrics.recordPublished(2);
    metrics.recordPublished(5);
    const samples = parseExposition(await registry.metrics());
    expect(sumOf(samples, 'leadhooks_outbox_backlog')).toBe(3);
    expect(sumOf(samples, 'leadhooks_outbox_oldest_pending_seconds')).toBe(12.5);
    expect(sumOf(samples, 'leadhooks_outbox_published_total')).toBe(7);
  });

  it('says unknown (NaN), not 0, when Postgres does not answer', async () => {
    const registry = createMetricsRegistry('leads-service');
    new OutboxMetrics(
      registry,
      database(() => Promise.reject(new Error('connection terminated'))),
    );
    // prom-client writes it "Nan"; Prometheus parses NaN case-insensitively.
    const samples = parseExposition(await registry.metrics());
    expect(sumOf(samples, 'leadhooks_outbox_backlog', { service: 'leads-service' })).toBeNaN();
    expect(sumOf(samples, 'leadhooks_outbox_oldest_pending_seconds')).toBeNaN();
  });
});
