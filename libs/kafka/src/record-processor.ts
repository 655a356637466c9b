import type { TopicName } from '@leadhooks/contracts';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import { handlerRetryDelayMs, type HandlerRetryPolicy } from './handler-backoff';
import { describeError } from './kafka.errors';
import type { KafkaLog } from './kafka.logger';
import { decodeRecord, type RawRecord } from './message-codec';

export interface RecordHandlers<T extends TopicName> {
  handle(message: ConsumedMessage<T>): Promise<void>;
  onInvalid(record: InvalidRecord<T>): Promise<void>;
}

/** What the processor needs from the consumer around it; fakes stand in for it in specs. */
export interface RecordContext {
  /**
   * Asks for the offset after this record (its offset + 1) to be committed for the group.
   * The runners coalesce commits, so it may not have landed yet when this resolves.
   */
  commit(): Promise<void>;
  /** Keeps the group membership alive while a record is retried; throws on a rebalance. */
  heartbeat(): Promise<void>;
  /** Resolves after `ms`, or early once the consumer stops. */
  sleep(ms: number): Promise<void>;
  isStopping(): boolean;
  /** True when the handler moved this record's partition with `seek`: it put the record back. */
  wasRewound(): boolean;
  retryPolicy: HandlerRetryPolicy;
  log: KafkaLog;
}

/**
 * - `committed`: handled (or passed to onInvalid) and its offset handed to the commit.
 * - `rewound`: the handler sought its partition; nothing committed, the record comes again.
 * - `abandoned`: it failed and the consumer is stopping; nothing committed, so the member
 *   that gets the partition next receives it again.
 */
export type RecordOutcome = 'committed' | 'rewound' | 'abandoned';

/**
 * At-least-once for one record: decode it, hand it to `handle` (or `onInvalid`), and commit
 * only once that resolved. A throw is retried on the same record after a bounded backoff,
 * for as long as it takes: skipping the record would lose it.
 */
export async function processRecord<T extends TopicName>(
  topic: T,
  record: RawRecord,
  handlers: RecordHandlers<T>,
  context: RecordContext,
): Promise<RecordOutcome> {
  const decoded = decodeRecord(topic, record);
  if (!decoded.ok) {
    context.log.warn('invalid record passed to onInvalid', {
      topic,
      partition: record.partition,
      offset: record.offset,
      reason: decoded.invalid.reason,
      detail: decoded.invalid.detail,
    });
  }
  for (let failures = 0; ; ) {
    try {
      await (decoded.ok ? handlers.handle(decoded.message) : handlers.onInvalid(decoded.invalid));
      break;
    } catch (error) {
      failures += 1;
      const delayMs = handlerRetryDelayMs(failures, context.retryPolicy);
      context.log.error('record handler failed; retrying the same record', {
        topic,
        partition: record.partition,
        offset: record.offset,
        failures,
        retryInMs: delayMs,
        error: describeError(error),
      });
      if (context.isStopping()) return 'abandoned';
      await context.sleep(delayMs);
      if (context.isStopping()) return 'abandoned';
      await context.heartbeat();
    }
  }
  if (context.wasRewound()) return 'rewound';
  await context.commit();
  return 'committed';
}
