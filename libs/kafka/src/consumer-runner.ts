import type { TopicName } from '@leadhooks/contracts';
import type { EachMessagePayload, Kafka } from 'kafkajs';
import { abortableSleep } from './abortable-sleep';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import { resolveHandlerRetryPolicy, type HandlerRetryPolicy } from './handler-backoff';
import { describeError } from './kafka.errors';
import { consumerRetry } from './kafka.config';
import type { KafkaLog } from './kafka.logger';
import { PartitionCommitter } from './partition-committer';
import { processRecord } from './record-processor';
import type { Naming } from './topic-names';

export interface ConsumerOptions<T extends TopicName> {
  /** Logical group id; the namespace is prepended like for topics. */
  groupId: string;
  topics: readonly T[];
  /**
   * Where a group with no committed offset starts: `earliest` replays what the topic
   * retains, `latest` skips what was written before the group first joined.
   */
  startFrom: 'earliest' | 'latest';
  /**
   * Resolves once the record's outcome is durable; only then is its offset committed. No
   * heartbeat goes out during one call, so it must end within `sessionTimeoutMs`.
   */
  handle(message: ConsumedMessage<T>): Promise<void>;
  /** Takes a record that does not parse (e.g. to park it); it is committed afterwards. */
  onInvalid(record: InvalidRecord<T>): Promise<void>;
  /** Partitions handled at once by this member. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Backoff between attempts at a record whose handler threw. */
  handlerRetry?: Partial<HandlerRetryPolicy>;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * How long the broker may hold a fetch that finds no data (kafkajs's default is 5 s). A
   * resumed partition joins the next fetch only, so a consumer that pauses and resumes
   * partitions (a retry topic's) wants this short to resume on time.
   */
  maxWaitTimeMs?: number;
  /** Called when the client gave up on this consumer for good (it will not restart). */
  onCrash?(error: Error): void;
}

export interface RunningConsumer<T extends TopicName> {
  readonly groupId: string;
  /** Stops fetching these partitions (all of the topic's when omitted) until `resume`. */
  pause(topic: T, partitions?: readonly number[]): void;
  resume(topic: T, partitions?: readonly number[]): void;
  /**
   * Moves the next fetch of a partition to `offset`. Called from `handle` for the record's
   * own partition, it also means "not done": that record is not committed and comes again.
   * With `pause` this is how a retry consumer waits until the head record is due.
   */
  seek(topic: T, partition: number, offset: string): void;
  /**
   * Finishes and commits the records in progress, leaves the group, disconnects. A record
   * waiting out a retry backoff is left uncommitted for the next owner. Awaiting this from
   * inside `handle` would wait for itself.
   */
  stop(): Promise<void>;
}

/**
 * `eachMessage` rather than `eachBatch`: the per-record loop, `resolveOffset` and heartbeat
 * bookkeeping stay in kafkajs. A record's offset is committed only after its handler, and
 * records of one partition run one after another, so the highest finished offset is always
 * contiguous; commits are coalesced per partition (`PartitionCommitter`) rather than one
 * request per record.
 */
export async function startConsumer<T extends TopicName>(
  kafka: Kafka,
  naming: Naming,
  log: KafkaLog,
  options: ConsumerOptions<T>,
  onStopped: () => void,
): Promise<RunningConsumer<T>> {
  const retryPolicy = resolveHandlerRetryPolicy(options.handlerRetry);
  const groupId = naming.group(options.groupId);
  const logicalByPhysical = new Map(options.topics.map((topic) => [naming.topic(topic), topic]));
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    retry: consumerRetry,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    maxWaitTimeInMs: options.maxWaitTimeMs,
  });
  const stopSignal = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  /** `topic:partition` keys sought since their current record was handed out. */
  const rewound = new Set<string>();
  /** One per `topic:partition` assigned since the last join; see `committerOf`. */
  const committers = new Map<string, PartitionCommitter>();
  /** Committers of an earlier assignment still finishing a commit; stop() waits for them. */
  const retired = new Set<PartitionCommitter>();
  let fatal: Error | undefined;

  consumer.on(consumer.events.CRASH, ({ payload }) => {
    const fields = { groupId, error: describeError(payload.error), restart: payload.restart };
    if (payload.restart) return log.warn('consumer crashed; the client restarts it', fields);
    fatal = payload.error;
    log.error('consumer crashed and will not restart', fields);
    options.onCrash?.(payload.error);
  });

  const committerOf = (topic: string, partition: number): PartitionCommitter => {
    const key = `${topic}:${partition}`;
    let committer = committers.get(key);
    if (committer === undefined) {
      committer = new PartitionCommitter(
        (position) => consumer.commitOffsets([{ topic, partition, offset: position }]),
        (position, error) =>
          // Refused (rebalance, coordinator moving): PartitionCommitter tries again.
          log.warn('offset commit failed', {
            groupId,
            topic,
            partition,
            offset: position,
            error: describeError(error),
          }),
      );
      committers.set(key, committer);
    }
    return committer;
  };

  // The group is about to rejoin: the coordinator still takes this generation's commits, so
  // one refused earlier gets its last try now rather than waiting for the next record.
  consumer.on(consumer.events.REBALANCING, () => {
    for (const committer of committers.values()) void committer.drain();
  });

  // A new assignment starts from the group's committed positions, which may not be the ones
  // this member last confirmed (another member may have owned the partition meanwhile): a
  // fresh committer per partition, so nothing it asks for is skipped as already confirmed.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    for (const committer of committers.values()) {
      retired.add(committer);
      void committer.drain().then(() => retired.delete(committer));
    }
    committers.clear();
  });

  const eachMessage = async ({
    topic,
    partition,
    message,
    heartbeat,
  }: EachMessagePayload): Promise<void> => {
    // Stopping: leave the record uncommitted for whoever owns the partition next.
    if (stopSignal.signal.aborted) return;
    const logical = logicalByPhysical.get(topic);
    if (logical === undefined) throw new Error(`received a record of unsubscribed topic ${topic}`);
    const key = `${topic}:${partition}`;
    rewound.delete(key);
    const work = processRecord(logical, { ...message, partition }, options, {
      // Not awaited: the partition's next record starts at once and this commit is coalesced
      // with those finishing while the previous one is in flight (decision 003).
      commit: async () => committerOf(topic, partition).request(nextOffset(message.offset)),
      heartbeat,
      sleep: (ms) => abortableSleep(ms, stopSignal.signal),
      isStopping: () => stopSignal.signal.aborted,
      wasRewound: () => rewound.has(key),
      retryPolicy,
      log,
    });
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...logicalByPhysical.keys()],
      fromBeginning: options.startFrom === 'earliest',
    });
    // Resolves once the member joined the group (kafkajs reports a failed join as a crash).
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachMessage,
    });
    if (fatal) throw fatal;
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    onStopped();
    throw error;
  }

  const physical = (topic: T, partitions?: readonly number[]) => [
    { topic: naming.topic(topic), partitions: partitions ? [...partitions] : undefined },
  ];
  let stopping: Promise<void> | undefined;
  return {
    groupId,
    pause: (topic, partitions) => consumer.pause(physical(topic, partitions)),
    resume: (topic, partitions) => consumer.resume(physical(topic, partitions)),
    seek(topic, partition, offset) {
      rewound.add(`${naming.topic(topic)}:${partition}`);
      consumer.seek({ topic: naming.topic(topic), partition, offset });
    },
    stop: () =>
      (stopping ??= (async () => {
        stopSignal.abort();
        // kafkajs ignores commits once its own stop has begun, so the records in progress
        // finish (and commit) first; new ones are refused by the check in eachMessage.
        await Promise.allSettled([...inFlight]);
        await Promise.all([...committers.values(), ...retired].map((c) => c.drain()));
        try {
          await consumer.disconnect();
        } finally {
          onStopped();
        }
      })()),
  };
}

/** The position to commit once `offset` is finished: the next record to read. */
function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}
