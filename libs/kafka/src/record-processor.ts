import type { TopicName } from '@leadhooks/contracts';
import type { ConsumedMessage, InvalidRecord } from './consumed-message';
import { handlerRetryDelayMs, type HandlerRetryPolicy } from './handler-backoff';
import { describeError } from './kafka.errors';
import type { KafkaLog } from './kafka.logger';
import type { DecodedRecord } from './message-codec';

export interface RecordHandlers<T extends TopicName> {
  handle(message: ConsumedMessage<T>): Promise<void>;
  onInvalid(record: InvalidRecord<T>): Promise<void>;
}

/** What the processor needs from the consumer around it; fakes stand in for it in specs. */
export interface RecordContext {
  /**
   * Reports the record's outcome durable, so its offset may be committed once every record
   * before it has one too. The engine coalesces commits: it may not have landed yet.
   */
  commit(): void;
  /** Resolves after `ms`, or early once the consumer stops. */
  sleep(ms: number): Promise<void>;
  isStopping(): boolean;
  retryPolicy: HandlerRetryPolicy;
  log: KafkaLog;
}

/**
 * - `committed`: handled (or passed to onInvalid) and its offset handed to the commit.
 * - `abandoned`: it failed and the consumer is stopping; nothing committed, so the member
 *   that gets the partition next receives it again.
 */
export type RecordOutcome = 'committed' | 'abandoned';

/**
 * The process step, at-least-once for one decoded record: hand it to `handle` (or
 * `onInvalid`), and commit only once that resolved. A throw is retried on the same record
 * after a bounded backoff, for as long as it takes: skipping the record would lose it.
 */
export async function processRecord<T extends TopicName>(
  decoded: DecodedRecord<T>,
  handlers: RecordHandlers<T>,
  context: RecordContext,
): Promise<RecordOutcome> {
  const record = decoded.ok ? decoded.message : decoded.invalid;
  const topic = record.topic;
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
    }
  }
  context.commit();
  return 'committed';
}
