import { nowMs } from './bench-receiver';

/** One arrival: its sequence number and the wall-clock time it was due. */
export interface Arrival {
  seq: number;
  dueAt: number;
}

export interface OpenLoopResult {
  scheduled: number;
  failed: number;
  /** Seconds from the first arrival to the last one actually fired. */
  elapsedSec: number;
  /** The most the generator itself fell behind its schedule, ms (a busy bench process). */
  maxBehindMs: number;
}

/**
 * Open-loop arrivals: `ratePerSec` for `durationSec`, each due at start + seq / rate by the
 * wall clock, fired when due whether or not earlier ones have been answered, so a slow
 * system meets the same arrival rate rather than a politely slower one. Latency is meant
 * to be measured from `dueAt`, which keeps the generator's own lateness in the figures.
 * Arrivals due together are handed over as one batch (one Kafka produce, say).
 */
export async function openLoop(options: {
  ratePerSec: number;
  durationSec: number;
  fire(batch: readonly Arrival[]): Promise<unknown>;
}): Promise<OpenLoopResult> {
  const total = Math.max(1, Math.round(options.ratePerSec * options.durationSec));
  const intervalMs = 1000 / options.ratePerSec;
  const start = nowMs();
  const pending: Promise<void>[] = [];
  let failed = 0;
  let next = 0;
  let maxBehindMs = 0;
  while (next < total) {
    const now = nowMs();
    const batch: Arrival[] = [];
    while (next < total && start + next * intervalMs <= now) {
      batch.push({ seq: next, dueAt: start + next * intervalMs });
      next += 1;
    }
    if (batch.length > 0) {
      maxBehindMs = Math.max(maxBehindMs, now - batch[0].dueAt);
      pending.push(
        options.fire(batch).then(
          () => undefined,
          () => void (failed += batch.length),
        ),
      );
    }
    const wait = start + next * intervalMs - nowMs();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(wait, 5))));
  }
  const elapsedSec = (nowMs() - start) / 1000;
  await Promise.all(pending);
  return { scheduled: total, failed, elapsedSec, maxBehindMs: Math.round(maxBehindMs) };
}
