/** Latency figures of one measurement, milliseconds rounded to 0.1. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (no interpolation: every figure is a latency that happened). */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(samples).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    count: sorted.length,
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    p99: round(rank(0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

/**
 * Lag grows when the system falls behind the arrival rate: then each arrival waits
 * behind more work than the one before, and latency climbs through the step. Either the
 * median of the last quarter of arrivals (in send order) is over twice the first
 * quarter's (the 25 ms slack keeps scheduling noise at low latencies from counting), or
 * some arrival waited longer than the whole step lasted: a backlog that formed within
 * the first seconds shows up as high latency from the first quarter on.
 */
export function lagGrows(latenciesInSendOrder: readonly number[], stepMs: number): boolean {
  const quarter = Math.floor(latenciesInSendOrder.length / 4);
  if (quarter < 5) return false;
  const first = summarizeLatencies(latenciesInSendOrder.slice(0, quarter)).p50;
  const last = summarizeLatencies(latenciesInSendOrder.slice(-quarter)).p50;
  return last > 2 * first + 25 || summarizeLatencies(latenciesInSendOrder).max > stepMs;
}
