import type { EachBatchPayload } from 'kafkajs';
import type { Partitions } from './consumer-partitions';
import type { PartitionWork } from './partition-work';
import type { RawRecord } from './message-codec';

/** What the fetch step hands each record to: admission, with the partition it belongs to. */
export type AdmitRecord = (physicalTopic: string, record: RawRecord, work: PartitionWork) => void;

/**
 * The fetch step, kafkajs's `eachBatch`: takes a batch's records in offset order into their
 * partition's window, at most `maxWindow` unfinished, and hands each to admission.
 * `resolveOffset` only moves fetching on; what is committed follows the window. While the
 * window is full it waits, heartbeating, so a long wait keeps the membership.
 */
export function fetchStep(
  partitions: Partitions,
  maxWindow: number,
  stopping: AbortSignal,
  admit: AdmitRecord,
): (payload: EachBatchPayload) => Promise<void> {
  return async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
    const work = partitions.of(batch.topic, batch.partition);
    const taking = () => !stopping.aborted && !work.signal.aborted;
    for (const message of batch.messages) {
      if (!taking() || !isRunning() || isStale()) break;
      await waitForRoom(work, maxWindow, taking, heartbeat);
      if (!taking()) break;
      work.window.take(message.offset);
      admit(batch.topic, { ...message, partition: batch.partition }, work);
      resolveOffset(message.offset);
    }
  };
}

async function waitForRoom(
  work: PartitionWork,
  maxWindow: number,
  taking: () => boolean,
  heartbeat: () => Promise<void>,
): Promise<void> {
  while (work.admission.size >= maxWindow && taking()) {
    await Promise.race([work.admission.roomFor(maxWindow), sleep(1_000)]);
    await heartbeat().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
