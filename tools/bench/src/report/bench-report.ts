import type { DispatcherLayoutName } from '../cli/bench.options';
import type { CpuSplit } from '../stats/cpu-split';
import type { Ledger } from '../stats/ledger';
import type { StageLatencies } from '../load/hop-tap';
import type { LatencySummary } from '../stats/latency.summary';

/** Deliveries of one process (the dispatcher, or the limit loop) over one set of events. */
export interface ProcessFigures {
  deliveriesPerSec: number;
  /** CPU seconds per 1,000 deliveries, from the first delivery to the last. */
  cpuSecondsPer1000: number;
  peakRssMiB: number;
  ledger: Ledger;
}

/** One round: the limit, then the dispatcher, over N fresh events each. */
export interface ThroughputRound {
  dispatcher: ProcessFigures;
  limit: ProcessFigures;
  /** dispatcher deliveries/s ÷ limit deliveries/s, measured back to back. */
  ratio: number;
}

/** The round with the median ratio, and every round (the spread is part of the figure). */
export interface ThroughputResult extends ThroughputRound {
  events: number;
  /**
   * `one`: the dispatcher as one process; `split`: a delivery and a fan-out process,
   * figures summed (decision 051). Absent in reports written before there was a choice.
   */
  dispatcherLayout?: DispatcherLayoutName;
  /** Absent in reports written before throughput ran in rounds (then it was one). */
  rounds?: ThroughputRound[];
}

export interface LatencyStep {
  rate: number;
  /** Leads the API accepted per second over the step. */
  achievedRate: number;
  apiErrors: number;
  /** The failed calls by answer: an HTTP status, or `no answer` with the client's error. */
  apiErrorsByKind?: Record<string, number>;
  /** Leads accepted that were due after the warm-up: the deliveries `latency` should count. */
  measuredLeads?: number;
  latency: LatencySummary;
  /** The same deliveries' latency split by stage: where the time went. */
  stages: StageLatencies;
  /** CPU ms per lead by process over the step (load and drain). */
  cpuMsPerLead: CpuSplit;
  lagGrows: boolean;
  ledger: Ledger;
}

export interface LatencyResult {
  steps: LatencyStep[];
  /** Rates not run because a lower one already could not be sustained. */
  skippedRates: number[];
  /** Highest rate with no growing lag, no API error and nothing missing; null if none. */
  highestSustainedRate: number | null;
}

/** One side of a comparison: a run without the disturbance, or with it. */
export interface ComparedRun {
  /** Latency of the deliveries compared (healthy endpoints' / fresh deliveries'). */
  latency: LatencySummary;
  deliveriesPerSec: number;
  ledger: Ledger;
}

/** One round: the run without the disturbance, then the run with it. */
export interface ComparisonRound {
  baseline: ComparedRun;
  disturbed: ComparedRun;
  /** disturbed p99 ÷ baseline p99. */
  p99Ratio: number;
  /** disturbed deliveries/s ÷ baseline deliveries/s. */
  throughputRatio: number;
}

/** The round with the median p99 ratio, and every round. */
export interface ComparisonResult extends ComparisonRound {
  ratePerSec: number;
  /** Absent in reports written before comparisons ran in rounds (then it was one). */
  rounds?: ComparisonRound[];
}

/**
 * Healthy endpoints' first retries while one endpoint answers 503 with a long
 * `Retry-After` and another hangs on every retry (issue 16).
 */
export interface RetryIsolationResult {
  ratePerSec: number;
  retryDelayMs: number;
  hangTimeoutMs: number;
  /** The same load with every endpoint failing once and none hostile: the load's own cost. */
  baselineLateness: LatencySummary;
  /** Arrival of each healthy first retry minus its due time, ms. */
  lateness: LatencySummary;
  /** Healthy deliveries whose retry never arrived (must be 0). */
  notRetried: number;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  version: 1;
  startedAt: string;
  finishedAt: string;
  smoke: boolean;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; os: string };
  options: {
    events: number;
    /** Absent in reports written before the bench ran in rounds. */
    rounds?: number;
    durationSec: number;
    /** Absent in reports written before latency steps had a warm-up. */
    warmUpSec?: number;
    rates: number[];
    loadRate: number;
  };
  throughput?: ThroughputResult;
  latency?: LatencyResult;
  /** Ten endpoints; disturbed: one of them hangs until the dispatcher's timeout. */
  isolation?: ComparisonResult;
  /** Disturbed: 10 % of deliveries fail three times, then succeed. */
  retry?: ComparisonResult;
  /** Healthy endpoints' retry lateness beside a Retry-After endpoint and a hanging one. */
  retryIsolation?: RetryIsolationResult;
  targets: TargetCheck[];
  /** Any ledger with a missing delivery voids the run; the reasons name them. */
  void: boolean;
  voidReasons: string[];
}
