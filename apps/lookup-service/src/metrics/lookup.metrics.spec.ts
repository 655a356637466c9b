import { createMetricsRegistry, parseExposition, sumOf } from '@leadhooks/metrics';
import type { KafkaConnection } from '../kafka/kafka.providers';
import { LookupMetrics } from './lookup.metrics';

/** Stands in for the broker answering (or not) the lag query of the directory consumer. */
const kafkaAnswering = (lag: () => Promise<unknown>) =>
  ({ client: { consumerLag: lag } }) as unknown as KafkaConnection;

describe(LookupMetrics.name, () => {
  it('counts lookups and hand-offs, and reads the directory lag at scrape time', async () => {
    const registry = createMetricsRegistry('lookup-service');
    const metrics = new LookupMetrics(
      registry,
      kafkaAnswering(async () => [
        { group: 'lookup-service.directory', topic: 'leads.save_lead', partition: 0, lag: 4 },
      ]),
    );
    metrics.answered('email-verifier', 200);
    metrics.answered('email-verifier', 400);
    metrics.answered('email-verifier', 200);
    metrics.webhookPublished('email-verifier');
    const samples = parseExposition(await registry.metrics());
    expect(
      sumOf(samples, 'leadhooks_lookups_total', { endpoint: 'email-verifier', status: '200' }),
    ).toBe(2);
    expect(sumOf(samples, 'leadhooks_lookups_total', { status: '400' })).toBe(1);
    expect(sumOf(samples, 'leadhooks_lookup_webhooks_published_total')).toBe(1);
    expect(
      sumOf(samples, 'leadhooks_kafka_consumer_lag', {
        group: 'lookup-service.directory',
        topic: 'leads.save_lead',
        partition: '0',
      }),
    ).toBe(4);
  });

  it('answers a scrape with Kafka down: no lag samples, one more scrape error', async () => {
    const registry = createMetricsRegistry('lookup-service');
    new LookupMetrics(
      registry,
      kafkaAnswering(() => Promise.reject(new Error('no answer within 1500 ms'))),
    );
    const samples = parseExposition(await registry.metrics());
    expect(samples.filter((sample) => sample.name === 'leadhooks_kafka_consumer_lag')).toEqual([]);
    expect(sumOf(samples, 'leadhooks_kafka_consumer_lag_scrape_errors_total')).toBe(1);
  });
});
