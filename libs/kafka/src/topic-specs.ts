import { Topics, type TopicName } from '@leadhooks/contracts';

export interface TopicSpec {
  topic: TopicName;
  partitions: number;
  replicationFactor: number;
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
  const spec = (topic: TopicName, partitions: number, retentionMs = 7 * day): TopicSpec => ({
    topic,
    partitions,
    replicationFactor,
    cleanupPolicy: 'delete',
    retentionMs,
  });
  return [
    spec(Topics.saveLead, busy),
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
  if (spec.replicationFactor >= 3) config['min.insync.replicas'] = '2';
  Object.assign(config, spec.config);
  return Object.entries(config).map(([name, value]) => ({ name, value }));
}
