import type { TopicName } from '@leadhooks/contracts';
import type { Admin } from 'kafkajs';
import { TopicProvisioningError } from './kafka.errors';
import type { KafkaLog } from './kafka.logger';
import type { Naming } from './topic-names';
import { topicConfigEntries, type TopicSpec } from './topic-specs';

export interface EnsureTopicsOptions {
  /**
   * Add partitions to an existing topic that has fewer than its spec. Off by default:
   * it moves keys to other partitions, so per-key order breaks across the change.
   */
  growPartitions?: boolean;
  /** How long to wait for every topic to have a leader on each partition. Default 30 s. */
  readyTimeoutMs?: number;
}

export interface EnsureTopicsResult {
  created: TopicName[];
  /** Already there (including ones another process created at the same moment). */
  existing: TopicName[];
  grown: TopicName[];
}

/** Refuses specs the broker would refuse anyway, with a message that names the topic. */
export function validateTopicSpecs(specs: readonly TopicSpec[]): void {
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.topic)) throw new TopicProvisioningError(spec.topic, 'listed twice');
    seen.add(spec.topic);
    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new TopicProvisioningError(
        spec.topic,
        `partitions must be a whole number >= 1, got ${spec.partitions}`,
      );
    }
    if (!Number.isInteger(spec.replicationFactor) || spec.replicationFactor < 1) {
      throw new TopicProvisioningError(
        spec.topic,
        `replicationFactor must be a whole number >= 1, got ${spec.replicationFactor}`,
      );
    }
    const minInsync = spec.minInsyncReplicas;
    if (
      minInsync !== undefined &&
      (!Number.isInteger(minInsync) || minInsync < 1 || minInsync > spec.replicationFactor)
    ) {
      throw new TopicProvisioningError(
        spec.topic,
        `minInsyncReplicas must be a whole number from 1 to replicationFactor (${spec.replicationFactor}), got ${minInsync}`,
      );
    }
  }
}

/**
 * Refuses, before creating anything, topics that want more replicas than the cluster has
 * brokers: the broker would refuse each with INVALID_REPLICATION_FACTOR, one topic at a
 * time, and a service would loop on it at every start. One message names them all.
 */
export function checkReplicationFits(specs: readonly TopicSpec[], brokerCount: number): void {
  const tooMany = specs.filter((spec) => spec.replicationFactor > brokerCount);
  if (tooMany.length === 0) return;
  const factor = Math.max(...tooMany.map((spec) => spec.replicationFactor));
  throw new TopicProvisioningError(
    tooMany.map((spec) => spec.topic).join(', '),
    `replication factor ${factor} is more than the ${brokerCount} broker(s) the cluster has now: ` +
      `start the missing brokers or set KAFKA_REPLICATION_FACTOR to at most ${brokerCount}`,
  );
}

/**
 * Creates the topics that are missing and leaves the others as they are, so it is safe to
 * run at every start, twice, or from several instances at once: a topic created by someone
 * else between our listing and our request counts as existing (TOPIC_ALREADY_EXISTS).
 */
export async function ensureTopics(
  admin: Admin,
  naming: Naming,
  log: KafkaLog,
  specs: readonly TopicSpec[],
  options: EnsureTopicsOptions = {},
): Promise<EnsureTopicsResult> {
  validateTopicSpecs(specs);
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(naming.topic(spec.topic)));
  // Only topics still to create: existing ones keep serving with a broker away.
  if (missing.length > 0)
    checkReplicationFits(missing, (await admin.describeCluster()).brokers.length);
  const result: EnsureTopicsResult = { created: [], existing: [], grown: [] };
  const created = await Promise.all(
    specs.map((spec) => !present.has(naming.topic(spec.topic)) && createTopic(admin, naming, spec)),
  );
  const toCheck = specs.filter((_spec, index) => !created[index]);
  for (const [index, spec] of specs.entries()) {
    (created[index] ? result.created : result.existing).push(spec.topic);
  }
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const physical = (spec: TopicSpec) => naming.topic(spec.topic);
  const counts = await describeWhenReady(
    admin,
    new Map(specs.map((spec, index) => [physical(spec), created[index] ? spec.partitions : 1])),
    timeoutMs,
  );
  for (const spec of toCheck) {
    const current = counts.get(physical(spec)) ?? 0;
    if (current >= spec.partitions) continue;
    const fields = { topic: spec.topic, partitions: current, wanted: spec.partitions };
    if (!options.growPartitions) {
      log.warn('topic has fewer partitions than its spec; left as is', fields);
      continue;
    }
    await growTopic(admin, physical(spec), spec, timeoutMs);
    result.grown.push(spec.topic);
    log.info('added partitions to topic', fields);
  }
  return result;
}

/** True when this call created the topic, false when it already existed. */
async function createTopic(admin: Admin, naming: Naming, spec: TopicSpec): Promise<boolean> {
  try {
    return await admin.createTopics({
      // kafkajs's own wait gives up when the broker does not know the topic yet, which
      // Kafka 4 answers for a moment after creating it: describeWhenReady waits instead.
      waitForLeaders: false,
      topics: [
        {
          topic: naming.topic(spec.topic),
          numPartitions: spec.partitions,
          replicationFactor: spec.replicationFactor,
          configEntries: topicConfigEntries(spec),
        },
      ],
    });
  } catch (error) {
    if (hasErrorType(error, 'TOPIC_ALREADY_EXISTS')) return false;
    throw new TopicProvisioningError(spec.topic, error);
  }
}

async function growTopic(
  admin: Admin,
  topic: string,
  spec: TopicSpec,
  timeoutMs: number,
): Promise<void> {
  try {
    await admin.createPartitions({ topicPartitions: [{ topic, count: spec.partitions }] });
  } catch (error) {
    // Another instance may have grown it first: fine once it has enough (checked below).
    if (!hasErrorType(error, 'INVALID_PARTITIONS'))
      throw new TopicProvisioningError(spec.topic, error);
  }
  await describeWhenReady(admin, new Map([[topic, spec.partitions]]), timeoutMs);
}

/**
 * Waits until the broker lists each topic with at least its wanted number of partitions,
 * each with a leader (it learns of a change shortly after the controller made it), and
 * returns the partition counts.
 */
async function describeWhenReady(
  admin: Admin,
  wanted: Map<string, number>,
  timeoutMs: number,
): Promise<Map<string, number>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...wanted.keys()] });
      const ready = topics.every(
        ({ name, partitions }) =>
          partitions.length >= (wanted.get(name) ?? 1) &&
          partitions.every(
            ({ leader, partitionErrorCode }) => leader >= 0 && partitionErrorCode === 0,
          ),
      );
      if (ready && topics.length === wanted.size) {
        return new Map(topics.map((topic) => [topic.name, topic.partitions.length]));
      }
    } catch (error) {
      if (!hasErrorType(error, 'UNKNOWN_TOPIC_OR_PARTITION')) throw error;
    }
    if (Date.now() > deadline) {
      const names = [...wanted.keys()].join(', ');
      throw new TopicProvisioningError(names, `not ready on the broker after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** kafkajs nests protocol errors in aggregates and causes; look for the code anywhere. */
function hasErrorType(error: unknown, type: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const {
    type: own,
    errors,
    cause,
  } = error as { type?: unknown; errors?: unknown; cause?: unknown };
  if (own === type) return true;
  if (Array.isArray(errors) && errors.some((inner) => hasErrorType(inner, type))) return true;
  return cause !== undefined && cause !== error && hasErrorType(cause, type);
}
