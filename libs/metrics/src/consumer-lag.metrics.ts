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
 * fails, the gauge keeps the last values measured and the error counter moves:
 * `leadhooks_kafka_consumer_lag_age_seconds` says how old they are. A series that
 * vanished during a broker outage would read as "no lag" on a dashboard and silence a lag
 * alert exactly when consumers may be stuck; an age that grows can be alerted on.
 */
export function registerConsumerLag(
  registry: Registry,
  measure: () => Promise<readonly ConsumerLagEntry[]>,
  timeoutMs = 2_000,
  now: () => number = Date.now,
): void {
  // Both metrics read one measurement per scrape; a failure is counted as it happens, so
  // the scrape that saw it already shows it.
  const sample = scrapeSample(measure, timeoutMs, () => errors.inc());
  let last: { entries: readonly ConsumerLagEntry[]; at: number } | undefined;
  // Never measured yet: the age counts from here, so it grows (and alerts) all the same.
  const registeredAt = now();
  const latest = async () => {
    try {
      last = { entries: await sample(), at: now() };
    } catch {
      // Kept: the last values measured, with their age on the age gauge.
    }
    return last;
  };
  const errors = new Counter({
    name: 'leadhooks_kafka_consumer_lag_scrape_errors_total',
    help: 'Scrapes that could not measure consumer lag (Kafka unreachable or too slow)',
    registers: [registry],
    async collect() {
      await latest();
    },
  });
  new Gauge({
    name: 'leadhooks_kafka_consumer_lag',
    help: 'Records not yet committed by a consumer group: high watermark - committed offset (last measured)',
    labelNames: ['group', 'topic', 'partition'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { group, topic, partition, lag } of (await latest())?.entries ?? []) {
        this.set({ group, topic, partition: String(partition) }, lag);
      }
    },
  });
  new Gauge({
    name: 'leadhooks_kafka_consumer_lag_age_seconds',
    help: 'Seconds since leadhooks_kafka_consumer_lag was last measured (since start if never; 0 when this scrape measured it)',
    registers: [registry],
    async collect() {
      this.reset();
      const measuredAt = (await latest())?.at ?? registeredAt;
      this.set(Math.max(0, (now() - measuredAt) / 1_000));
    },
  });
}
