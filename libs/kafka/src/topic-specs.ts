import { Topics, type TopicName } from '@leadhooks/contracts';

export interface TopicSpec {
  topic: TopicName;
  partitions: number;
  replicationFactor: number;
  /**
   * Topic-level `min.insync.replicas`: with acks=all, how many replicas must have a write
   * before it is acknowledged. Default: 2 from three replicas up, else the broker's (1).
   */
  minInsyncReplicas?: number;
  /** `compact` keeps the latest record per key instead of deleting by age. Default `delete`. */
  cleanupPolicy?: 'delete' | 'compact';
  /** How long records are kept under `delete`, ms. Default: the broker's (7 days). */
  retentionMs?: number;
  /** Any other topic-level config, passed as is (`min.compaction.lag.ms`, ...). */
  config?: Record<string, string>;
}

export interface PlatformTopicOptions {
  /** Partitions of the two busy topics, leads.save_lead and webhooks.deliveries. Default 6. */
  busyPartitions?: number;
  /** Partitions of every other topic. Default 3. */
  partitions?: number;
  /** Default 1, for a single-node dev broker; production wants 3. */
  replicationFactor?: number;
  /** Default: 2 from three replicas up, else the broker's. */
  minInsyncReplicas?: number;
  /**
   * How long leads.save_lead keeps events, ms (LEADS_TOPIC_RETENTION): how far back a
   * webhook can be backfilled (decision 069). Default 7 days.
   */
  saveLeadRetentionMs?: number;
}

/** The replication of every topic a client creates (KAFKA_REPLICATION_FACTOR, ...). */
export interface TopicReplication {
  replicationFactor: number;
  minInsyncReplicas?: number;
}

const day = 24 * 60 * 60 * 1000;

/**
 * The platform's topics. Partitions bound how many members of a group work in parallel
 * (the dispatcher scales by them), so the two topics every event crosses get more.
 * Nothing is compacted: consumers must see every version of a lead, not only the last.
 */
export function platformTopicSpecs(options: PlatformTopicOptions = {}): TopicSpec[] {
  const busy = options.busyPartitions ?? 6;
  const other = options.partitions ?? 3;
  const replicationFactor = options.replicationFactor ?? 1;
  const { minInsyncReplicas } = options;
  const spec = (topic: TopicName, partitions: number, retentionMs = 7 * day): TopicSpec => ({
    topic,
    partitions,
    replicationFactor,
    ...(minInsyncReplicas === undefined ? {} : { minInsyncReplicas }),
    cleanupPolicy: 'delete',
    retentionMs,
  });
  return [
    spec(Topics.saveLead, busy, options.saveLeadRetentionMs),
    spec(Topics.lookupsCompleted, other),
    spec(Topics.deliveries, busy),
    spec(Topics.deliveriesRetry1, other),
    spec(Topics.deliveriesRetry2, other),
    spec(Topics.deliveriesRetry3, other),
    spec(Topics.deliveriesRetryIn1s, other),
    spec(Topics.deliveriesRetryIn5s, other),
    spec(Topics.deliveriesRetryIn30s, other),
    spec(Topics.deliveriesRetryIn2m, other),
    spec(Topics.deliveriesRetryIn10m, other),
    spec(Topics.deliveriesRetryIn1h, other),
    // Dead letters wait for a human to look at them and replay them: keep them longer.
    spec(Topics.deliveriesDlq, other, 30 * day),
  ];
}

/** The topic-level config entries of a spec, as the CreateTopics request takes them. */
export function topicConfigEntries(spec: TopicSpec): { name: string; value: string }[] {
  const config: Record<string, string> = {};
  if (spec.cleanupPolicy) config['cleanup.policy'] = spec.cleanupPolicy;
  if (spec.retentionMs !== undefined) config['retention.ms'] = String(spec.retentionMs);
  // With acks=all, a write is only as safe as the replicas that must have it: with three
  // or more, require two, so one broker down neither loses acknowledged writes nor blocks.
  const minInsync = spec.minInsyncReplicas ?? (spec.replicationFactor >= 3 ? 2 : undefined);
  if (minInsync !== undefined) config['min.insync.replicas'] = String(minInsync);
  Object.assign(config, spec.config);
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}

/**
 * The specs with the cluster's replication instead of their own: a client configured for
 * a cluster (KAFKA_REPLICATION_FACTOR) creates every topic with it, whatever the caller's
 * specs say, so no service can create a topic with fewer replicas than the others.
 */
export function withReplication(
  specs: readonly TopicSpec[],
  replication: TopicReplication | undefined,
): TopicSpec[] {
  if (replication === undefined) return [...specs];
  return specs.map((spec) => {
    const replicated: TopicSpec = { ...spec, replicationFactor: replication.replicationFactor };
    delete replicated.minInsyncReplicas;
    if (replication.minInsyncReplicas !== undefined)
      replicated.minInsyncReplicas = replication.minInsyncReplicas;
    return replicated;
  });
}
