import type { TopicName } from '@leadhooks/contracts';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import type { HandlerRetryPolicy } from './handler-backoff';

/** What `KafkaClient.runConsumer` takes: every consumer of the platform runs on this engine. */
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
   * Resolves once the record's outcome is durable; only then may its offset be committed
   * (once every record before it has one too). Throwing hands the same record back after
   * a backoff (`handlerRetry`).
   */
  handle(message: ConsumedMessage<T>): Promise<void>;
  /** Takes a record that does not parse (e.g. to park it); it is committed afterwards. */
  onInvalid(record: InvalidRecord<T>): Promise<void>;
  /**
   * When a record may start, ms since the epoch (admission; default: at once). It waits
   * with a timer, in its slot of the window, not holding its key's in-flight cap. Records
   * behind it in the partition are not held unless the window is full, so a topic whose
   * arrival order is due order (a retry tier) wants nothing more.
   */
  dueAt?(message: ConsumedMessage<T>): number;
  /**
   * Where a due record goes instead when its key is at `maxInFlightPerKey` with as many
   * again waiting (a retry back to a tier): resolves once it is durably elsewhere, and the
   * record counts as done. So one crowded key (a hanging endpoint) holds at most twice its
   * cap of the window. Without it such records wait in the window.
   */
  moveWhenCrowded?(message: ConsumedMessage<T>): Promise<void>;
  /**
   * Records of one partition taken and not yet finished, at most (waiting for their due
   * time or key, or running). Default 1: one record at a time, in order.
   */
  maxInFlightPerPartition?: number;
  /** Records of one key (an endpoint, a lead) running at once per partition. Default: the window. */
  maxInFlightPerKey?: number;
  /** Partitions handled at once by this member. Default 1. */
  partitionsConsumedConcurrently?: number;
  /** Backoff between attempts at a record whose handler threw. */
  handlerRetry?: Partial<HandlerRetryPolicy>;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /**
   * How long the broker may hold a fetch that finds no data: an idle topic's new record is
   * fetched within this. Default 1 s (`consumerFetchMaxWaitMs`, not kafkajs's 5 s): after a
   * broker loss kafkajs waits out every fetch in flight before it re-plans (decision 057).
   */
  maxWaitTimeMs?: number;
  /** Called when the client gave up on this consumer for good (it will not restart). */
  onCrash?(error: Error): void;
}

export interface RunningConsumer {
  readonly groupId: string;
  /**
   * Stops taking records, lets those running finish and commit, leaves the group. Records
   * waiting for their due time or key are left uncommitted for the next owner. Awaiting
   * this from inside `handle` would wait for itself.
   */
  stop(): Promise<void>;
}
