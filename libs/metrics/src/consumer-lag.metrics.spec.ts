import { Registry } from 'prom-client';
import { registerConsumerLag, type ConsumerLagEntry } from './consumer-lag.metrics';

describe(registerConsumerLag.name, () => {
  it('exposes the lag measured at scrape time, and no stale samples when measuring fails', async () => {
    const registry = new Registry();
    let answer: () => Promise<ConsumerLagEntry[]> = async () => [
      { group: 'dispatcher-deliveries', topic: 'webhooks.deliveries', partition: 0, lag: 3 },
      { group: 'dispatcher-deliveries', topic: 'webhooks.deliveries', partition: 1, lag: 0 },
    ];
    registerConsumerLag(registry, () => answer());

    const first = await registry.metrics();
    expect(first).toContain(
      'leadhooks_kafka_consumer_lag{group="dispatcher-deliveries",topic="webhooks.deliveries",partition="0"} 3',
    );
    expect(first).toContain('partition="1"} 0');
    expect(first).toContain('leadhooks_kafka_consumer_lag_scrape_errors_total 0');

    answer = () => Promise.reject(new Error('no answer within 1500 ms'));
    const second = await registry.metrics();
    expect(second).not.toMatch(/^leadhooks_kafka_consumer_lag\{/m);
    expect(second).toContain('leadhooks_kafka_consumer_lag_scrape_errors_total 1');
  });
});
