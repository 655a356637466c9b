import { Partitioners, type ICustomPartitioner, type Message, type RecordMetadata } from 'kafkajs';
import { IncompleteSendError } from './kafka.errors';

/**
 * kafkajs's default partitioner (Java's murmur2 of the key modulo the partition count, the
 * count taken from kafkajs's own metadata of the topic) that also writes its choice onto
 * the record (`message.partition`).
 *
 * Why: a send must be checked against the partitions its records went to, and only the
 * partitioner sees the partition count kafkajs routes with; asking the broker ourselves
 * would cost a round trip per send and could disagree with kafkajs's cache. Written onto
 * the record, the choice also pins the route: kafkajs routes again on every retry of a
 * send (the default partitioner keeps a `partition` already set), so a retry after the
 * topic grew cannot move a record, half-written already, to another partition.
 */
export const pinningPartitioner: ICustomPartitioner = () => {
  const route = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = route(args);
    args.message.partition = partition;
    return partition;
  };
};

export interface Acknowledged {
  partition: number;
  /** Offset of the first record of this send in the partition, int64 as a string. */
  baseOffset: string;
}

/**
 * The acknowledgement of every partition `records` were routed to, or IncompleteSendError
 * naming those without one: missing from `result`, answered with an error code, or without
 * an offset. kafkajs 2.2.4 can resolve a send with some partitions missing after their
 * leader moved (tulios/kafkajs#1303, docs/decisions/057); resolving is not enough.
 */
export function acknowledgedPartitions(
  topic: string,
  records: readonly Message[],
  result: readonly RecordMetadata[],
): Acknowledged[] {
  const routed = new Set<number>();
  let unrouted = 0;
  for (const record of records) {
    if (record.partition === undefined || record.partition === null) unrouted += 1;
    else routed.add(record.partition);
  }
  const acknowledged: Acknowledged[] = [];
  const problems: { partition: number; problem: string }[] = [];
  // -1 stands for "no partition": records kafkajs never routed were never sent.
  if (unrouted > 0) problems.push({ partition: -1, problem: `${unrouted} record(s) not routed` });
  for (const partition of [...routed].sort((a, b) => a - b)) {
    const answer = result.find(
      (entry) => entry.topicName === topic && entry.partition === partition,
    );
    const offset = answer?.baseOffset ?? answer?.offset;
    if (answer === undefined) problems.push({ partition, problem: 'no answer' });
    else if (answer.errorCode !== 0)
      problems.push({ partition, problem: `error code ${answer.errorCode}` });
    else if (offset === undefined || !/^\d+$/.test(offset))
      problems.push({ partition, problem: `no offset (${String(offset)})` });
    else acknowledged.push({ partition, baseOffset: offset });
  }
  if (problems.length > 0) throw new IncompleteSendError(topic, problems);
  return acknowledged;
}
