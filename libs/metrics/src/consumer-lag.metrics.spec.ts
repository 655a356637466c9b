import { Registry } from 'prom-client';
import { registerConsumerLag, type ConsumerLagEntry } from './consumer-lag.metrics';

describe(registerConsumerLag.name, () => {
  it('exposes the lag measured at scrape time, and keeps the last values when measuring fails', async () => {
    const registry = new Registry();
    let clock = 1_000_000;
    let answer: () => Promise<ConsumerLagEntry[]> = async () => [
      { group: 'dispatcher-deliveries', topic: 'webhooks.deliveries', partition: 0, lag: 3 },
      { group: 'dispatcher-deliveries', topic: 'webhooks.deliveries', partition: 1, lag: 0 },
    ];
    registerConsumerLag(
      registry,
      () => answer(),
      2_000,
      () => clock,
    );

    const first = await registry.metrics();
    expect(first).toContain(
      'leadhooks_kafka_consumer_lag{group="dispatcher-deliveries",topic="webhooks.deliveries",partition="0"} 3',
    );
    expect(first).toContain('partition="1"} 0');
    expect(first).toContain('leadhooks_kafka_consumer_lag_scrape_errors_total 0');
    expect(first).toContain('leadhooks_kafka_consumer_lag_age_seconds 0');

    // A broker away: the series stay, with their age.
    answer = () => Promise.reject(new Error('no answer within 1500 ms'));
    clock += 42_500;
    const second = await registry.metrics();
    expect(second).toContain(
      'leadhooks_kafka_consumer_lag{group="dispatcher-deliveries",topic="webhooks.deliveries",partition="0"} 3',
    );
    expect(second).toContain('leadhooks_kafka_consumer_lag_scrape_errors_total 1');
    expect(second).toContain('leadhooks_kafka_consumer_lag_age_seconds 42.5');

    answer = async () => [
      { group: 'dispatcher-deliveries', topic: 'webhooks.deliveries', partition: 0, lag: 7 },
    ];
    const third = await registry.metrics();
    expect(third).toContain('partition="0"} 7');
    expect(third).not.toContain('partition="1"}');
    expect(third).toContain('leadhooks_kafka_consumer_lag_age_seconds 0');
  });

  it('has no lag samples before the first measurement succeeds, and an age from start', async () => {
    const registry = new Registry();
    let clock = 5_000;
    registerConsumerLag(
      registry,
      () => Promise.reject(new Error('refused')),
      2_000,
      () => clock,
    );
    clock += 3_000;

    const text = await registry.metrics();
    expect(text).not.toMatch(/^leadhooks_kafka_consumer_lag\{/m);
    expect(text).toContain('leadhooks_kafka_consumer_lag_age_seconds 3');
    expect(text).toContain('leadhooks_kafka_consumer_lag_scrape_errors_total 1');
  });
});
