import type { TopicName } from '@leadhooks/contracts';
import { abortableSleep } from './abortable-sleep';
import type { AdmitRecord } from './consumer-fetch';
import type { ConsumerOptions } from './consumer.options';
import { resolveHandlerRetryPolicy } from './handler-backoff';
import type { KafkaLog } from './kafka.logger';
import { decodeRecord } from './message-codec';
import type { Naming } from './topic-names';
import { processRecord } from './record-processor';

/**
 * Admission and process for one record: decoded once, started at its due time (or moved
 * elsewhere when its key is crowded), committed when done.
 */
export function admitStep<T extends TopicName>(
  options: ConsumerOptions<T>,
  naming: Naming,
  log: KafkaLog,
  stopping: AbortSignal,
): AdmitRecord {
  const retryPolicy = resolveHandlerRetryPolicy(options.handlerRetry);
  const logicalByPhysical = new Map(options.topics.map((topic) => [naming.topic(topic), topic]));
  return (physicalTopic, record, work) => {
    const topic = logicalByPhysical.get(physicalTopic);
    if (topic === undefined)
      throw new Error(`received a record of unsubscribed topic ${physicalTopic}`);
    const decoded = decodeRecord(topic, record);
    const dueAtMs = decoded.ok && options.dueAt ? options.dueAt(decoded.message) : 0;
    const context = {
      commit: () => work.finished(record.offset),
      sleep: (ms: number) => abortableSleep(ms, AbortSignal.any([stopping, work.signal])),
      isStopping: () => stopping.aborted || work.signal.aborted,
      retryPolicy,
      log,
    };
    const move = options.moveWhenCrowded;
    work.admission.admit(
      record.key?.toString('utf8') ?? '',
      dueAtMs,
      () => processRecord(decoded, options, context),
      move &&
        (() => processRecord(decoded, { handle: move, onInvalid: options.onInvalid }, context)),
    );
  };
}
