import { randomUUID } from 'node:crypto';
import type { TopicName } from '@leadhooks/contracts';
import {
  ConfigResourceTypes,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
} from 'kafkajs';
import type { ConsumedMessage } from './consumed-message';
import { consumerRetry } from './kafka.config';
import { decodeRecord } from './message-codec';
import type { Naming } from './topic-names';

/** Records `[start, end)` of one partition; offsets are int64 as decimal strings. */
export interface OffsetRange {
  partition: number;
  start: string;
  end: string;
}

/** One partition's next records, in offset order. */
export interface RangeBatch<T extends TopicName> {
  partition: number;
  /** The records that parsed with the topic's schema. */
  messages: ConsumedMessage<T>[];
  /** Records read in this batch, valid or not (those that did not parse are only counted). */
  scanned: number;
  /** The offset after the last record of this batch: where a resumed read starts. */
  next: string;
}

export interface RangeReadOptions<T extends TopicName> {
  topic: T;
  ranges: readonly OffsetRange[];
  /** Resolves before the partition's next batch is read; a rejection ends the read with it. */
  handle(batch: RangeBatch<T>): Promise<void>;
  /** Aborting ends the read after the batch in progress. */
  signal: AbortSignal;
}

/**
 * Per partition, the offset of the first record at or after `timestampMs` (the high
 * watermark when there is none): Kafka's ListOffsets by time.
 */
export async function offsetsAtTime(
  admin: Admin,
  naming: Naming,
  topic: TopicName,
  timestampMs: number,
): Promise<{ partition: number; offset: string }[]> {
  const found = await admin.fetchTopicOffsetsByTimestamp(naming.topic(topic), timestampMs);
  return found.map(({ partition, offset }) => ({ partition, offset }));
}

/** The topic's `retention.ms` as the broker applies it; null when unlimited (-1). */
export async function topicRetentionMs(
  admin: Admin,
  naming: Naming,
  topic: TopicName,
): Promise<number | null> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [
      { type: ConfigResourceTypes.TOPIC, name: naming.topic(topic), configNames: ['retention.ms'] },
    ],
  });
  const value = resources[0]?.configEntries.find(
    (e) => e.configName === 'retention.ms',
  )?.configValue;
  const ms = Number(value);
  return value === undefined || !Number.isFinite(ms) || ms < 0 ? null : ms;
}

/**
 * Reads the ranges once, without committing anything: a consumer of its own throwaway
 * group (kafkajs cannot assign partitions without one) seeks each partition to its start
 * and pauses it at its end. Records of one partition reach `handle` in offset order, one
 * batch at a time. Resolves `done` when every range is read, `stopped` when aborted.
 */
export async function readRanges<T extends TopicName>(
  kafka: Kafka,
  naming: Naming,
  options: RangeReadOptions<T>,
): Promise<'done' | 'stopped'> {
  const positions = new Map(
    options.ranges
      .filter((range) => BigInt(range.start) < BigInt(range.end))
      .map((range) => [range.partition, { next: BigInt(range.start), end: BigInt(range.end) }]),
  );
  if (positions.size === 0) return 'done';
  const consumer = kafka.consumer({
    groupId: naming.group(`range-reader.${randomUUID()}`),
    allowAutoTopicCreation: false,
    retry: consumerRetry,
  });
  const physical = naming.topic(options.topic);
  const outcome = settleable<'done' | 'stopped'>();
  const onAbort = () => outcome.resolve('stopped');
  options.signal.addEventListener('abort', onAbort, { once: true });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) outcome.reject(payload.error);
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [physical], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: (payload) =>
        readBatch(payload, options, positions, consumer).then(
          (allDone) => {
            if (allDone) outcome.resolve('done');
          },
          (error: unknown) => outcome.reject(error),
        ),
    });
    for (const [partition, { next }] of positions)
      consumer.seek({ topic: physical, partition, offset: next.toString() });
    if (options.signal.aborted) return 'stopped';
    return await outcome.promise;
  } finally {
    options.signal.removeEventListener('abort', onAbort);
    await consumer.disconnect();
  }
}

/** Hands the batch's records within range on; true once every range is read. */
async function readBatch<T extends TopicName>(
  { batch, heartbeat, isRunning, isStale }: EachBatchPayload,
  options: RangeReadOptions<T>,
  positions: Map<number, { next: bigint; end: bigint }>,
  consumer: Consumer,
): Promise<boolean> {
  const position = positions.get(batch.partition);
  if (position === undefined || position.next >= position.end) {
    // A partition with nothing in range: stop fetching it.
    consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
    return false;
  }
  if (options.signal.aborted || !isRunning() || isStale()) return false;
  // A fetch made before the seek took effect, or a compressed batch, may start earlier.
  const records = batch.messages.filter((record) => {
    const offset = BigInt(record.offset);
    return offset >= position.next && offset < position.end;
  });
  if (records.length > 0) {
    const last = records[records.length - 1];
    const next = BigInt(last.offset) + 1n;
    const messages = records
      .map((record) => decodeRecord(options.topic, { ...record, partition: batch.partition }))
      .flatMap((decoded) => (decoded.ok ? [decoded.message] : []));
    await options.handle({
      partition: batch.partition,
      messages,
      scanned: records.length,
      next: next.toString(),
    });
    position.next = next;
    await heartbeat();
  }
  // Offsets without a record (control records) can make the end unreachable by records.
  if (batch.messages.some((record) => BigInt(record.offset) >= position.end - 1n))
    position.next = position.end;
  if (position.next >= position.end)
    consumer.pause([{ topic: batch.topic, partitions: [batch.partition] }]);
  return [...positions.values()].every((p) => p.next >= p.end);
}

function settleable<T>(): {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
