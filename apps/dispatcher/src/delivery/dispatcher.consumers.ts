import { Topics } from '@leadhooks/contracts';
import type { InvalidRecord } from '@leadhooks/kafka';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import {
  DISPATCHER_CONFIG,
  type DispatcherConfig,
  type DispatcherRole,
} from '../config/dispatcher.config';
import { fanoutTopics, FanoutHandler } from '../fanout/fanout.handler';
import { KafkaConnection } from '../kafka/kafka.providers';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';
import { DeliveryWorker } from './delivery.worker';
import { OutcomeWrites } from './outcome-writes';
import { RetryHandler, retryDueAt } from './retry.handler';
import { retryConsumerTopics } from './retry-tiers';

/** Consumer group names (the namespace is prepended by libs/kafka). */
export const consumerGroups = {
  fanout: 'dispatcher-fanout',
  deliveries: 'dispatcher-deliveries',
  retries: 'dispatcher-retries',
} as const satisfies Record<DispatcherRole, string>;

/**
 * The three Kafka entry points, thin: fan-out, first attempts, and retries, each started
 * only when DISPATCHER_CONSUMERS lists it, all on libs/kafka's one consumer engine
 * (decision 068). A record's offset is committed only once it and every record before it
 * have a durable outcome. Consumers start after every module is initialised (migrations
 * have run) and stop before the database closes.
 */
@Injectable()
export class DispatcherConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly running: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly fanout: FanoutHandler,
    private readonly worker: DeliveryWorker,
    private readonly retries: RetryHandler,
    private readonly writes: OutcomeWrites,
    private readonly metrics: DispatcherMetrics,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const start = {
      fanout: () => this.startFanout(),
      deliveries: () => this.startDeliveries(),
      retries: () => this.startRetries(),
    } satisfies Record<DispatcherRole, () => Promise<{ stop(): Promise<void> }>>;
    for (const role of this.config.DISPATCHER_CONSUMERS) this.running.push(await start[role]());
  }

  /**
   * Fan-out is a lookup and a produce per event, both waits on the network: one event at
   * a time per partition capped the whole dispatcher (docs/decisions/051). Events of one
   * key (a lead) still go one at a time, so its versions reach the topic in order.
   */
  private startFanout() {
    return this.kafka.client.runConsumer({
      groupId: consumerGroups.fanout,
      topics: fanoutTopics,
      startFrom: 'earliest',
      partitionsConsumedConcurrently: this.config.DISPATCHER_PARTITION_CONCURRENCY,
      maxInFlightPerPartition: this.config.DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION,
      maxInFlightPerKey: 1,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      // A partition paused for a full window resumes with the next fetch, due within this.
      maxWaitTimeMs: this.config.DISPATCHER_RETRY_POLL_MS,
      handle: async (message) => {
        this.metrics.fannedOut(message.topic, await this.fanout.handle(message));
      },
      onInvalid: (record) => this.parkInvalid(record),
    });
  }

  /**
   * First attempts: several records of a partition at once, capped per endpoint (the
   * record key), so a hanging endpoint holds at most its own share of the window.
   */
  private startDeliveries() {
    return this.kafka.client.runConsumer({
      groupId: consumerGroups.deliveries,
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      partitionsConsumedConcurrently: this.config.DISPATCHER_PARTITION_CONCURRENCY,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      maxInFlightPerPartition: this.config.DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION,
      maxInFlightPerKey: this.config.DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT,
      maxWaitTimeMs: this.config.DISPATCHER_RETRY_POLL_MS,
      handle: async (message) => {
        await this.worker.attempt(message.value);
      },
      onInvalid: (record) => this.parkInvalid(record),
    });
  }

  /**
   * Retries: the same engine and settings as first attempts, over the retry tiers (decision
   * 061), admitted at their due time (`retryDueAt`). A record waits in the window with a
   * timer, not holding its endpoint's cap, so a long Retry-After or a hanging endpoint
   * holds only its own endpoint's slots.
   */
  private startRetries() {
    return this.kafka.client.runConsumer({
      groupId: consumerGroups.retries,
      topics: retryConsumerTopics,
      startFrom: 'earliest',
      partitionsConsumedConcurrently: this.config.DISPATCHER_PARTITION_CONCURRENCY,
      sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS,
      maxInFlightPerPartition: this.config.DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION,
      maxInFlightPerKey: this.config.DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT,
      // An idle tier's new record (or a paused partition) is fetched within this.
      maxWaitTimeMs: this.config.DISPATCHER_RETRY_POLL_MS,
      dueAt: retryDueAt,
      handle: (message) => this.retries.handle(message),
      moveWhenCrowded: (message) => this.retries.moveBack(message),
      onInvalid: (record) => this.parkInvalid(record),
    });
  }

  async onModuleDestroy(): Promise<void> {
    // Each stop() drops its waiting records at once; then failing writes give up, so their
    // records stay uncommitted (for the next owner) instead of holding shutdown.
    const stopped = this.running.splice(0).map((consumer) => consumer.stop());
    this.writes.stop();
    await Promise.allSettled(stopped);
  }

  /**
   * A record that does not parse cannot be delivered (there is no destination to trust);
   * it is logged in full for an operator and committed, so it does not block its partition.
   */
  private async parkInvalid(record: InvalidRecord): Promise<void> {
    this.logger.error(
      {
        topic: record.topic,
        partition: record.partition,
        offset: record.offset,
        reason: record.reason,
        detail: record.detail,
        value: record.rawValue?.toString('utf8').slice(0, 10_000),
      },
      'unparseable record skipped',
    );
  }
}
