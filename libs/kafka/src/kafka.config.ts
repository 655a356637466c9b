import { KafkaConfigError } from './kafka.errors';
import { consoleJsonLogger, type KafkaLogger, type KafkaLogLevel } from './kafka.logger';
import { validateNamespace } from './topic-names';
import type { TopicReplication } from './topic-specs';

export interface KafkaOptions {
  /** `host:port` of at least one broker; the client discovers the rest. */
  brokers: string[];
  clientId: string;
  /** Prefix of every physical topic and consumer group name: `<namespace>.<logical>`. */
  namespace?: string;
  /** TCP connect timeout per broker, ms (kafkajs's own default, 1 s, is tight for CI). */
  connectionTimeoutMs?: number;
  /** Per-request timeout, ms. */
  requestTimeoutMs?: number;
  /** Lowest level that reaches `logger`, for kafkajs's lines and ours. Default `warn`. */
  logLevel?: KafkaLogLevel;
  /** Default: JSON lines on stderr. */
  logger?: KafkaLogger;
  /**
   * Replication of every topic this client creates (KAFKA_REPLICATION_FACTOR and
   * KAFKA_MIN_INSYNC_REPLICAS); unset: each spec's own.
   */
  topicReplication?: TopicReplication;
}

export interface ResolvedKafkaOptions {
  brokers: string[];
  clientId: string;
  namespace: string | undefined;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  logLevel: KafkaLogLevel;
  logger: KafkaLogger;
  topicReplication: TopicReplication | undefined;
}

/**
 * kafkajs's retry for everything a client does below the consumer's loop: the producer's
 * sends, metadata, connections, group coordinator lookups, admin calls. Its default
 * doubles from 300 ms up to 30 s and gives up after 5 retries (~9 s); the idempotent
 * producer gets that too (kafkajs means to retry it without limit but never does). After a
 * broker loss a send was then up to ~5 s (±20 %) away from its next try when the cluster
 * had moved the leaders, and each hop of a record (outbox, fan-out, delivery) could pay
 * that again. Here the tries are at most 1 s (±20 %) apart and give up after about as
 * long as before (~9.5 s), so a caller's own retry starts no later.
 */
export const clientRetry = { initialRetryTime: 100, maxRetryTime: 1_000, retries: 12 };

/**
 * kafkajs's retry for consumers (fetch loop, commits, group requests). Its default doubles
 * up to 30 s and gives up after 5 retries (~9 s), then crashes and restarts the consumer:
 * a broker loss cost a rejoin from older offsets. Here a try comes at most ~1 s (±20 %)
 * after the last one, so the consumer carries on ≤ 1.2 s after the cluster has moved the
 * lost broker's leaders and coordinators (the broker's `broker.session.timeout.ms`, 9 s
 * in KRaft by default, is what bounds that), and gives up only after ~27 s.
 */
export const consumerRetry = { initialRetryTime: 300, maxRetryTime: 1_000, retries: 28 };

/**
 * How long a fetch may wait at a broker for records, ms (kafkajs's default: 5 s). kafkajs
 * rebuilds its per-broker fetchers when a lost broker leaves the metadata, and first waits
 * for every fetch in flight; during the outage no record arrives, so each waited out the
 * whole 5 s before the partitions the cluster had just moved were fetched at their new
 * leaders. Idle, a consumer then asks each broker once a second.
 */
export const consumerFetchMaxWaitMs = 1_000;

const logLevels: readonly KafkaLogLevel[] = ['nothing', 'error', 'warn', 'info', 'debug'];
const brokerAddress = /^(\[[0-9a-fA-F:]+\]|[^\s:[\]]+):\d{1,5}$/;

/** Checks the options once, at construction, and fills the defaults; a bad one is named. */
export function resolveKafkaOptions(options: KafkaOptions): ResolvedKafkaOptions {
  const brokers = options.brokers.map((broker) => broker.trim()).filter((broker) => broker !== '');
  if (brokers.length === 0)
    throw new KafkaConfigError('brokers', 'at least one host:port is required');
  const bad = brokers.find((broker) => !brokerAddress.test(broker));
  if (bad !== undefined) throw new KafkaConfigError('brokers', `"${bad}" is not host:port`);
  if (options.clientId.trim() === '') throw new KafkaConfigError('clientId', 'must not be empty');
  const logLevel = options.logLevel ?? 'warn';
  if (!logLevels.includes(logLevel)) {
    throw new KafkaConfigError(
      'logLevel',
      `"${String(logLevel)}" is not one of ${logLevels.join(', ')}`,
    );
  }
  return {
    brokers,
    clientId: options.clientId,
    namespace: validateNamespace(options.namespace),
    connectionTimeoutMs: positiveMs('connectionTimeoutMs', options.connectionTimeoutMs, 3_000),
    requestTimeoutMs: positiveMs('requestTimeoutMs', options.requestTimeoutMs, 30_000),
    logLevel,
    logger: options.logger ?? consoleJsonLogger,
    topicReplication: resolveTopicReplication(options.topicReplication),
  };
}

/** Checked here, not by the broker, so a bad value stops start-up with its variable's name. */
export function resolveTopicReplication(
  replication: TopicReplication | undefined,
): TopicReplication | undefined {
  if (replication === undefined) return undefined;
  const { replicationFactor, minInsyncReplicas } = replication;
  if (!Number.isInteger(replicationFactor) || replicationFactor < 1) {
    throw new KafkaConfigError(
      'KAFKA_REPLICATION_FACTOR',
      `${replicationFactor} is not a whole number >= 1`,
    );
  }
  if (minInsyncReplicas === undefined) return { replicationFactor };
  if (!Number.isInteger(minInsyncReplicas) || minInsyncReplicas < 1) {
    throw new KafkaConfigError(
      'KAFKA_MIN_INSYNC_REPLICAS',
      `${minInsyncReplicas} is not a whole number >= 1`,
    );
  }
  if (minInsyncReplicas > replicationFactor) {
    // The broker would accept the topic and then refuse every acks=all write to it.
    throw new KafkaConfigError(
      'KAFKA_MIN_INSYNC_REPLICAS',
      `${minInsyncReplicas} is more than KAFKA_REPLICATION_FACTOR=${replicationFactor}: no write could ever be acknowledged`,
    );
  }
  return { replicationFactor, minInsyncReplicas };
}

function positiveMs(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new KafkaConfigError(field, `${value} is not a positive whole number of milliseconds`);
  }
  return value;
}
