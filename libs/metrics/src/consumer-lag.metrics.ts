import { Counter, Gauge, type Registry } from 'prom-client';
import { scrapeSample } from './scrape-sample';

/** One partition's lag as libs/kafka's `KafkaClient.consumerLag` reports it. */
export interface ConsumerLagEntry {
  group: string;
  topic: string;
  partition: number;
  lag: number;
}

/**
 * `leadhooks_kafka_consumer_lag{group,topic,partition}`, measured at scrape time by
 * `measure` (which must be bounded: a scrape has to answer with Kafka down). When it
 * fails the gauge has no samples rather than stale ones, and the error counter moves.
 */
export function registerConsumerLag(
  registry: Registry,
  measure: () => Promise<readonly ConsumerLagEntry[]>,
  timeoutMs = 2_000,
): void {
  // Both metrics read one measurement per scrape; a failure is counted as it happens, so
  // the scrape that saw it already shows it.
  const sample = scrapeSample(measure, timeoutMs, () => errors.inc());
  const errors = new Counter({
    name: 'leadhooks_kafka_consumer_lag_scrape_errors_total',
    help: 'Scrapes that could not measure consumer lag (Kafka unreachable or too slow)',
    registers: [registry],
    async collect() {
      await sample().catch(() => undefined);
    },
  });
  new Gauge({
    name: 'leadhooks_kafka_consumer_lag',
    help: 'Records not yet committed by a consumer group: high watermark - committed offset',
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      this.reset();
      const entries = await sample().catch(() => []);
      for (const { group, topic, partition, lag } of entries) {
        this.set({ group, topic, partition: String(partition) }, lag);
      }
    },
  });
}
