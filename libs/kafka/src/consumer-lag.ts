import type { TopicName } from '@leadhooks/contracts';
import type { Admin } from 'kafkajs';
import type { Naming } from './topic-names';

/** A consumer group this client runs, as its lag is measured: logical names. */
export interface LaggingGroup {
  groupId: string;
  topics: readonly TopicName[];
  startFrom: 'earliest' | 'latest';
}

/** Records of one partition not yet committed by one group (high watermark - committed). */
export interface ConsumerLag {
  /** Logical group id and topic (without the namespace), so they read the same everywhere. */
  group: string;
  topic: TopicName;
  partition: number;
  lag: number;
}

interface Watermarks {
  high: bigint;
  low: bigint;
}

/**
 * One admin round per topic and per group. A partition the group never committed counts
 * from where the group would start: everything retained for `earliest`, nothing for
 * `latest` (it begins at the end).
 */
export async function measureConsumerLag(
  admin: Admin,
  naming: Naming,
  groups: readonly LaggingGroup[],
): Promise<ConsumerLag[]> {
  const topics = [...new Set(groups.flatMap((group) => group.topics))];
  const watermarks = new Map<TopicName, Map<number, Watermarks>>(
    await Promise.all(
      topics.map(async (topic) => {
        const offsets = await admin.fetchTopicOffsets(naming.topic(topic));
        const byPartition = new Map(
          offsets.map((entry) => [
            entry.partition,
            { high: BigInt(entry.high), low: BigInt(entry.low) },
          ]),
        );
        return [topic, byPartition] as const;
      }),
    ),
  );
  const perGroup = await Promise.all(
    groups.map(async (group) => {
      const committed = await admin.fetchOffsets({
        groupId: naming.group(group.groupId),
        topics: group.topics.map((topic) => naming.topic(topic)),
      });
      return committed.flatMap(({ topic: physical, partitions }) => {
        const topic = naming.logicalTopic(physical);
        return partitions.flatMap(({ partition, offset }) => {
          const marks = watermarks.get(topic)?.get(partition);
          if (marks === undefined) return [];
          return [{ group: group.groupId, topic, partition, lag: lagOf(marks, offset, group) }];
        });
      });
    }),
  );
  return perGroup.flat();
}

function lagOf(marks: Watermarks, committed: string, group: LaggingGroup): number {
  const position = BigInt(committed);
  // -1: no commit yet.
  if (position < 0n) return group.startFrom === 'earliest' ? Number(marks.high - marks.low) : 0;
  // A committed offset below the low watermark points at records already deleted by retention.
  const from = position < marks.low ? marks.low : position;
  return Math.max(0, Number(marks.high - from));
}
