import type { TopicName } from '@leadhooks/contracts';
import { Kafka, type Admin, type KafkaConfig } from 'kafkajs';
import { AdminSlot } from './admin-slot';
import { BrokerProbes, type PingResult } from './broker-probes';
import { offsetsAtTime, readRanges, topicRetentionMs, type RangeReadOptions } from './range-reader';
import { measureConsumerLag, type ConsumerLag, type LaggingGroup } from './consumer-lag';
import { withDeadline } from './deadline';
import { startConsumer } from './consumer-engine';
import type { ConsumerOptions, RunningConsumer } from './consumer.options';
import { clientRetry, resolveKafkaOptions, type KafkaOptions } from './kafka.config';
import { describeError, KafkaClientClosedError } from './kafka.errors';
import { createKafkaLog, toKafkaJsLevel, toKafkaJsLogCreator, type KafkaLog } from './kafka.logger';
import { createNaming, type Naming } from './topic-names';
import {
  ensureTopics,
  type EnsureTopicsOptions,
  type EnsureTopicsResult,
} from './topic-provisioner';
import { withReplication, type TopicReplication, type TopicSpec } from './topic-specs';
import { KafkaTypedProducer, type TypedProducer } from './typed-producer';

export interface ClusterDescription {
  clusterId: string;
  /** Node id of the controller the broker reports, null while there is none. */
  controllerId: number | null;
  brokerCount: number;
  brokers: { nodeId: number; host: string; port: number }[];
}

export type { PingResult };

/**
 * The one owner of the kafkajs instance: everything that talks to Kafka is made here and
 * tracked, so `shutdown()` (Nest's onApplicationShutdown) can close all of it.
 */
export class KafkaClient {
  private readonly kafka: Kafka;
  private readonly naming: Naming;
  private readonly log: KafkaLog;
  /** Running consumers, with what their lag is measured on. */
  private readonly consumers = new Set<{ stop(): Promise<void>; group: LaggingGroup }>();
  private readonly producers = new Set<TypedProducer>();
  /** Provisioning and diagnostics: retries like every other client while Kafka starts. */
  private readonly admin: AdminSlot;
  /** Lag reads: a separate client that never retries, so a scrape fails fast. */
  private readonly probe: AdminSlot;
  private readonly topicReplication: TopicReplication | undefined;
  /** Readiness: each listed broker on its own (see BrokerProbes). */
  private readonly brokerProbes: BrokerProbes;
  private closing: Promise<void> | undefined;

  constructor(options: KafkaOptions) {
    const resolved = resolveKafkaOptions(options);
    this.naming = createNaming(resolved.namespace);
    this.log = createKafkaLog(resolved.logger, resolved.logLevel);
    this.topicReplication = resolved.topicReplication;
    const config: KafkaConfig = {
      clientId: resolved.clientId,
      brokers: resolved.brokers,
      connectionTimeout: resolved.connectionTimeoutMs,
      requestTimeout: resolved.requestTimeoutMs,
      logLevel: toKafkaJsLevel(resolved.logLevel),
      logCreator: toKafkaJsLogCreator(resolved.logger),
      retry: clientRetry,
    };
    this.kafka = new Kafka(config);
    this.admin = new AdminSlot(this.kafka);
    this.probe = new AdminSlot(new Kafka({ ...config, retry: { retries: 0 } }));
    this.brokerProbes = new BrokerProbes({ ...config, brokers: resolved.brokers });
  }

  get namespace(): string | undefined {
    return this.naming.namespace;
  }

  /** The name a logical topic has on the broker, for logs and operators. */
  physicalTopic(topic: TopicName): string {
    return this.naming.topic(topic);
  }

  /** The name a logical consumer group has on the broker (the namespace prepended). */
  physicalGroup(groupId: string): string {
    return this.naming.group(groupId);
  }

  /**
   * Counts a group consumed outside this client (lookup-service's Nest Kafka transport) in
   * `consumerLag`, until the returned function is called.
   */
  watchLag(group: LaggingGroup): () => void {
    const tracked = { stop: (): Promise<void> => Promise.resolve(), group: laggingGroup(group) };
    this.consumers.add(tracked);
    return () => this.consumers.delete(tracked);
  }

  /** A producer, not yet connected: call `connect()` on it. */
  createProducer(): TypedProducer {
    this.assertOpen();
    const producer: TypedProducer = new KafkaTypedProducer(this.kafka, this.naming, () =>
      this.producers.delete(producer),
    );
    this.producers.add(producer);
    return producer;
  }

  /**
   * Connects, subscribes and joins the group; resolves once records can flow. Every
   * consumer runs on the one engine (decision 068): a window of records per partition, an
   * admission by due time and per-key cap, commits at the lowest record without an outcome.
   */
  async runConsumer<T extends TopicName>(options: ConsumerOptions<T>): Promise<RunningConsumer> {
    this.assertOpen();
    const tracked = { stop: (): Promise<void> => Promise.resolve(), group: laggingGroup(options) };
    this.consumers.add(tracked);
    const consumer = await startConsumer(this.kafka, this.naming, this.log, options, () =>
      this.consumers.delete(tracked),
    );
    tracked.stop = () => consumer.stop();
    if (this.closing) {
      // shutdown() began while this one was joining: it did not see it, so stop it here.
      await consumer.stop();
      throw new KafkaClientClosedError();
    }
    return consumer;
  }

  async ensureTopics(
    specs: readonly TopicSpec[],
    options?: EnsureTopicsOptions,
  ): Promise<EnsureTopicsResult> {
    this.assertOpen();
    const replicated = withReplication(specs, this.topicReplication);
    return ensureTopics(await this.admin.get(), this.naming, this.log, replicated, options);
  }

  /** Per partition, the first offset at or after `timestampMs` (the end when none is). */
  async offsetsAtTime(
    topic: TopicName,
    timestampMs: number,
  ): Promise<{ partition: number; offset: string }[]> {
    this.assertOpen();
    return offsetsAtTime(await this.admin.get(), this.naming, topic, timestampMs);
  }

  /** The topic's `retention.ms` on the broker; null when unlimited. */
  async topicRetentionMs(topic: TopicName): Promise<number | null> {
    this.assertOpen();
    return topicRetentionMs(await this.admin.get(), this.naming, topic);
  }

  /**
   * Reads offset ranges once, committing nothing (a backfill). Not stopped by `shutdown`:
   * the caller aborts it first.
   */
  readRanges<T extends TopicName>(options: RangeReadOptions<T>): Promise<'done' | 'stopped'> {
    this.assertOpen();
    return readRanges(this.kafka, this.naming, options);
  }

  async describeCluster(): Promise<ClusterDescription> {
    this.assertOpen();
    return describe(await this.admin.get());
  }

  /**
   * A metadata round trip to every listed broker at once, each bounded by `timeoutMs`: ok
   * when any answers, naming those that did not. For readiness checks. Never throws.
   */
  async ping(timeoutMs = 2_000): Promise<PingResult> {
    if (this.closing) return { ok: false, error: new KafkaClientClosedError().message };
    return this.brokerProbes.ping(timeoutMs);
  }

  /**
   * How far each consumer group this client runs is behind, per partition, measured now.
   * Bounded by `timeoutMs` (a metrics scrape must answer even with Kafka down): rejects
   * then, and on any broker error. Empty while no consumer runs.
   */
  async consumerLag(timeoutMs = 2_000): Promise<ConsumerLag[]> {
    const groups = [...this.consumers].map((consumer) => consumer.group);
    if (groups.length === 0) return [];
    return this.probeWithin(timeoutMs, (admin) => measureConsumerLag(admin, this.naming, groups));
  }

  /**
   * Stops the consumers first (their in-progress records may still produce and commit),
   * then the producers and the admin. Safe to call more than once; later calls of
   * anything else throw KafkaClientClosedError.
   */
  shutdown(): Promise<void> {
    this.closing ??= this.closeAll();
    return this.closing;
  }

  private async closeAll(): Promise<void> {
    const failures: unknown[] = [];
    const settle = async (closers: (() => Promise<void>)[]) => {
      for (const outcome of await Promise.allSettled(closers.map((close) => close()))) {
        if (outcome.status === 'rejected') failures.push(outcome.reason);
      }
    };
    await settle([...this.consumers].map((consumer) => () => consumer.stop()));
    await settle([...this.producers].map((producer) => () => producer.disconnect()));
    await settle([
      () => this.admin.reset(),
      () => this.probe.reset(),
      () => this.brokerProbes.reset(),
    ]);
    if (failures.length > 0) {
      this.log.error('Kafka client shut down with errors', { errors: failures.map(describeError) });
      throw new AggregateError(failures, 'Kafka client shut down with errors');
    }
  }

  /** Runs `work` on the probe admin within `timeoutMs`; a failure drops its connection. */
  private async probeWithin<T>(timeoutMs: number, work: (admin: Admin) => Promise<T>): Promise<T> {
    try {
      this.assertOpen();
      return await withDeadline(
        this.probe.get().then(work),
        timeoutMs,
        `no answer within ${timeoutMs} ms`,
      );
    } catch (error) {
      // Start from a new connection next time; this one may be the reason it failed.
      this.probe.reset().catch(() => undefined);
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.closing) throw new KafkaClientClosedError();
  }
}

function laggingGroup(options: LaggingGroup): LaggingGroup {
  return { groupId: options.groupId, topics: options.topics, startFrom: options.startFrom };
}

async function describe(admin: Admin): Promise<ClusterDescription> {
  const { clusterId, controller, brokers } = await admin.describeCluster();
  return { clusterId, controllerId: controller, brokerCount: brokers.length, brokers };
}
