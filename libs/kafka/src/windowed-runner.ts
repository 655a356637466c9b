import type { TopicName } from '@leadhooks/contracts';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import { abortableSleep } from './abortable-sleep';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import { resolveHandlerRetryPolicy, type HandlerRetryPolicy } from './handler-backoff';
import { describeError } from './kafka.errors';
import { consumerRetry } from './kafka.config';
import type { KafkaLog } from './kafka.logger';
import { KeyLimiter } from './key-limiter';
import { OffsetWindow } from './offset-window';
import { PartitionCommitter } from './partition-committer';
import { processRecord } from './record-processor';
import type { Naming } from './topic-names';

export interface WindowedConsumerOptions<T extends TopicName> {
  groupId: string;
  topics: readonly T[];
  startFrom: 'earliest' | 'latest';
  /** Resolves once the record's outcome is durable; records of one partition run concurrently. */
  handle(message: ConsumedMessage<T>): Promise<void>;
  onInvalid(record: InvalidRecord<T>): Promise<void>;
  /** Records of one partition in progress or waiting for their key, at most. Default 32. */
  maxInFlightPerPartition?: number;
  /** Records of one key (one endpoint) in progress at once, per partition. Default 4. */
  maxInFlightPerKey?: number;
  partitionsConsumedConcurrently?: number;
  handlerRetry?: Partial<HandlerRetryPolicy>;
  sessionTimeoutMs?: number;
  maxWaitTimeMs?: number;
}

export interface RunningWindowedConsumer {
  readonly groupId: string;
  /** Stops taking records, lets those in progress finish and commit, leaves the group. */
  stop(): Promise<void>;
}

interface PartitionState {
  window: OffsetWindow;
  limiter: KeyLimiter;
  /**
   * At most one commit in flight, so a later position never lands first; positions
   * reached meanwhile ride on the next one.
   */
  committer: PartitionCommitter;
  /** Set when the partition was taken away: its late finishes must not commit. */
  revoked: boolean;
}

/**
 * A consumer that works on several records of one partition at once, so one slow key
 * (endpoint) does not hold up the keys behind it, yet commits at-least-once: the committed
 * position is the lowest offset without an outcome. The window bounds memory and how far
 * a stuck record can be overtaken; the per-key cap keeps one endpoint from taking it all.
 * After a crash, records above the committed position run again (at-least-once).
 */
export async function startWindowedConsumer<T extends TopicName>(
  kafka: Kafka,
  naming: Naming,
  log: KafkaLog,
  options: WindowedConsumerOptions<T>,
  onStopped: () => void,
): Promise<RunningWindowedConsumer> {
  const maxWindow = options.maxInFlightPerPartition ?? 32;
  const retryPolicy = resolveHandlerRetryPolicy(options.handlerRetry);
  const groupId = naming.group(options.groupId);
  const logicalByPhysical = new Map(options.topics.map((topic) => [naming.topic(topic), topic]));
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    retry: consumerRetry,
    sessionTimeout: options.sessionTimeoutMs,
    maxWaitTimeInMs: options.maxWaitTimeMs,
  });
  const stopSignal = new AbortController();
  const partitions = new Map<string, PartitionState>();
  const revokedStates = new Set<PartitionState>();

  const commit = async (
    topic: string,
    partition: number,
    state: PartitionState,
    offset: string,
  ) => {
    // The new owner may be past this position already; its commits are the ones that count.
    if (!state.revoked) await consumer.commitOffsets([{ topic, partition, offset }]);
  };

  const stateOf = (topic: string, partition: number): PartitionState => {
    const key = `${topic}:${partition}`;
    let state = partitions.get(key);
    if (state === undefined) {
      const created: PartitionState = {
        window: new OffsetWindow(),
        limiter: new KeyLimiter(options.maxInFlightPerKey ?? 4),
        committer: new PartitionCommitter(
          (position) => commit(topic, partition, created, position),
          (position, error) =>
            // Refused (rebalance, coordinator moving): PartitionCommitter tries again.
            log.warn('offset commit failed', {
              groupId,
              topic,
              partition,
              offset: position,
              error: describeError(error),
            }),
        ),
        revoked: false,
      };
      state = created;
      partitions.set(key, state);
    }
    return state;
  };

  // The group is about to rejoin: the coordinator still takes this generation's commits, so
  // one refused earlier gets its last try now rather than waiting for the next record.
  consumer.on(consumer.events.REBALANCING, () => {
    for (const state of partitions.values()) void state.committer.drain();
  });

  // A new assignment: forget the windows of partitions this member no longer owns (their
  // uncommitted records go to the new owner) and of those it got back (fetching restarts
  // from the committed position, so a fresh window matches it).
  consumer.on(consumer.events.GROUP_JOIN, () => {
    for (const state of partitions.values()) {
      state.revoked = true;
      // Kept until its records in progress end, so stop() can wait for them.
      revokedStates.add(state);
      void state.limiter.roomFor(1).then(() => revokedStates.delete(state));
    }
    partitions.clear();
  });

  const eachBatch = async ({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    const logical = logicalByPhysical.get(batch.topic);
    if (logical === undefined)
      throw new Error(`received a batch of unsubscribed topic ${batch.topic}`);
    const state = stateOf(batch.topic, batch.partition);
    for (const message of batch.messages) {
      if (stopSignal.signal.aborted || !isRunning() || isStale() || state.revoked) break;
      await waitForRoom(state, maxWindow, heartbeat);
      if (stopSignal.signal.aborted || state.revoked) break;
      state.window.take(message.offset);
      const record = { ...message, partition: batch.partition };
      state.limiter.run(message.key?.toString('utf8') ?? '', async () => {
        // Queued behind its key when the consumer began stopping: left uncommitted.
        if (stopSignal.signal.aborted || state.revoked) return;
        await processRecord(logical, record, options, {
          // Not awaited: the record's slot frees up at once and its commit is coalesced
          // with those of the records finishing while the previous commit is in flight.
          commit: async () => {
            const position = state.window.finish(message.offset);
            if (position !== undefined) state.committer.request(position);
          },
          heartbeat: async () => undefined,
          sleep: (ms) => abortableSleep(ms, stopSignal.signal),
          isStopping: () => stopSignal.signal.aborted,
          wasRewound: () => false,
          retryPolicy,
          log,
        });
      });
      // Fetching moves on; committing follows the window, not this.
      resolveOffset(message.offset);
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...logicalByPhysical.keys()],
      fromBeginning: options.startFrom === 'earliest',
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch,
    });
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    onStopped();
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    groupId,
    stop: () =>
      (stopping ??= (async () => {
        stopSignal.abort();
        // Every partition's records in progress finish and commit; those still queued
        // behind their key return at once without running.
        const states = [...partitions.values(), ...revokedStates];
        await Promise.all(states.map((state) => state.limiter.roomFor(1)));
        await Promise.all(states.map((state) => state.committer.drain()));
        try {
          await consumer.disconnect();
        } finally {
          onStopped();
        }
      })()),
  };
}

/** Waits for the window to have room, heartbeating so a long wait keeps the membership. */
async function waitForRoom(
  state: PartitionState,
  maxWindow: number,
  heartbeat: () => Promise<void>,
): Promise<void> {
  while (state.limiter.size >= maxWindow && !state.revoked) {
    await Promise.race([state.limiter.roomFor(maxWindow), sleep(1_000)]);
    await heartbeat().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
