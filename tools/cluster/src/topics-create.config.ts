import { kafkaFields, parseConfig, type Env } from '@leadhooks/config';
import type { EnsureTopicsResult, TopicSpec } from '@leadhooks/kafka';
import { z } from 'zod';

/** What `npm run topics:create` reads: the same Kafka variables as every service. */
export const TopicsCreateEnv = z.object({ ...kafkaFields({ clientId: 'leadhooks-topics' }) });
export type TopicsCreateConfig = z.output<typeof TopicsCreateEnv>;

/** Throws a ConfigError naming each bad variable. */
export function topicsCreateConfig(env: Env): TopicsCreateConfig {
  return parseConfig(TopicsCreateEnv, env);
}

/** One line per topic: what it is made with, and whether this run created it. */
export function topicReportLines(
  specs: readonly TopicSpec[],
  result: EnsureTopicsResult,
  physical: (spec: TopicSpec) => string,
): string[] {
  const created = new Set<string>(result.created);
  return specs.map((spec) => {
    const minInsync = spec.minInsyncReplicas ?? (spec.replicationFactor >= 3 ? 2 : undefined);
    return [
      physical(spec),
      created.has(spec.topic) ? 'created' : 'exists',
      `partitions=${spec.partitions}`,
      `replication.factor=${spec.replicationFactor}`,
      `min.insync.replicas=${minInsync ?? 'broker default'}`,
      `retention.ms=${spec.retentionMs ?? 'broker default'}`,
    ].join(' ');
  });
}
