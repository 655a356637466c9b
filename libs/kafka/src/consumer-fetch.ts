import type { EachBatchPayload } from 'kafkajs';
import type { Partitions } from './consumer-partitions';
import type { RawRecord } from './message-codec';
import type { PartitionWork } from './partition-work';

/** What the fetch step hands each record to: admission, with the partition it belongs to. */
export type AdmitRecord = (physicalTopic: string, record: RawRecord, work: PartitionWork) => void;

/**
 * The fetch step, kafkajs's `eachBatch`: takes a batch's records in offset order into their
 * partition's window, at most `maxWindow` unfinished, and hands each to admission.
 * `resolveOffset` only moves fetching on; what is committed follows the window. A full
 * window pauses its partition and returns at once: kafkajs fetches again only once every
 * batch of a fetch returned, so waiting here would stall every partition of the broker.
 * The records not taken are fetched again once the partition resumes.
 */
export function fetchStep(
  partitions: Partitions,
  maxWindow: number,
  stopping: AbortSignal,
  admit: AdmitRecord,
): (payload: EachBatchPayload) => Promise<void> {
  return async ({ batch, resolveOffset, pause, isRunning, isStale }) => {
    const work = partitions.of(batch.topic, batch.partition);
    for (const message of batch.messages) {
      if (stopping.aborted || work.signal.aborted || !isRunning() || isStale()) break;
      if (work.admission.size >= maxWindow) {
        work.pauseUntilRoom(maxWindow, pause);
        break;
      }
      work.window.take(message.offset);
      admit(batch.topic, { ...message, partition: batch.partition }, work);
      resolveOffset(message.offset);
    }
  };
}
