import type { Ledger } from '../stats/ledger';
import { roundLabel } from '../stats/median';
import type {
  BenchReport,
  ComparisonRound,
  RetryIsolationResult,
  TargetCheck,
  ThroughputRound,
} from './bench-report';

/** The targets for this 2-core machine, checked against one report. */
export function checkTargets(report: Omit<BenchReport, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const { throughput, latency, isolation, retry, retryIsolation } = report;
  if (throughput) {
    checks.push({
      target: 'dispatcher throughput >= 0.5 x the limit',
      measured: `${throughput.ratio} x (${throughput.dispatcher.deliveriesPerSec} / ${throughput.limit.deliveriesPerSec} per s${medianOf(roundsOf<ThroughputRound>(throughput))})`,
      met: throughput.ratio >= 0.5,
    });
    checks.push({
      target: 'dispatcher throughput >= 2,000 deliveries/s',
      measured: `${throughput.dispatcher.deliveriesPerSec} per s`,
      met: throughput.dispatcher.deliveriesPerSec >= 2_000,
    });
  }
  const at500 = latency?.steps.find((step) => step.rate === 500);
  if (latency?.skippedRates.includes(500)) {
    const fellBehind = latency.steps.find((step) => step.lagGrows);
    checks.push({
      target: 'end-to-end p99 <= 100 ms at 500 leads/s',
      measured: `not run: lag already grew at ${fellBehind?.rate ?? 'a lower rate'} leads/s`,
      met: false,
    });
  }
  if (at500) {
    checks.push({
      target: 'end-to-end p99 <= 100 ms at 500 leads/s',
      measured: `${at500.latency.p99} ms`,
      met: at500.latency.p99 <= 100 && !at500.ledger.void,
    });
  }
  if (isolation) {
    checks.push({
      target: 'isolation: healthy p99 <= 1.5 x without the hanging endpoint',
      measured: `${isolation.p99Ratio} x (${isolation.disturbed.latency.p99} / ${isolation.baseline.latency.p99} ms${medianOf(roundsOf<ComparisonRound>(isolation))})`,
      met: isolation.p99Ratio <= 1.5,
    });
  }
  if (retry) {
    checks.push({
      target: 'retry pressure: fresh p99 <= 1.5 x without failures',
      measured: `${retry.p99Ratio} x (${retry.disturbed.latency.p99} / ${retry.baseline.latency.p99} ms${medianOf(roundsOf<ComparisonRound>(retry))})`,
      met: retry.p99Ratio <= 1.5,
    });
  }
  if (retryIsolation) checks.push(retryIsolationCheck(retryIsolation));
  return checks;
}

/** Issue 16: no endpoint's Retry-After or hang delays another's retry by more than 2 s. */
export function retryIsolationCheck(result: RetryIsolationResult): TargetCheck {
  const { lateness, notRetried, baselineLateness: base } = result;
  return {
    target: 'retry isolation: healthy retries <= 2 s late',
    measured:
      `p50 ${lateness.p50} / p99 ${lateness.p99} / max ${lateness.max} ms late (${lateness.count} retries` +
      (notRetried > 0 ? `, ${notRetried} never came` : '') +
      `; without the hostile two: p99 ${base.p99} / max ${base.max})`,
    met: lateness.count > 0 && lateness.max <= 2_000 && notRetried === 0,
  };
}

/** Every ledger of the report with its name, for the void check and the tables. */
export function ledgersOf(
  report: Pick<BenchReport, 'throughput' | 'latency' | 'isolation' | 'retry'>,
): { name: string; ledger: Ledger }[] {
  const ledgers: { name: string; ledger: Ledger }[] = [];
  // Every round's ledgers: a round that lost work voids the run even when it is not the median.
  const rounds = report.throughput ? roundsOf<ThroughputRound>(report.throughput) : [];
  rounds.forEach((round, index) => {
    const name = roundLabel('throughput', index, rounds.length);
    ledgers.push({ name: `${name}: dispatcher`, ledger: round.dispatcher.ledger });
    ledgers.push({ name: `${name}: limit`, ledger: round.limit.ledger });
  });
  for (const step of report.latency?.steps ?? []) {
    ledgers.push({ name: `latency: ${step.rate}/s`, ledger: step.ledger });
  }
  for (const [name, result] of [
    ['isolation', report.isolation],
    ['retry', report.retry],
  ] as const) {
    if (!result) continue;
    const compared = roundsOf<ComparisonRound>(result);
    compared.forEach((round, index) => {
      const label = roundLabel(name, index, compared.length);
      ledgers.push({ name: `${label}: baseline`, ledger: round.baseline.ledger });
      ledgers.push({ name: `${label}: disturbed`, ledger: round.disturbed.ledger });
    });
  }
  return ledgers;
}

/** A result's rounds; a report from before rounds had one, the result itself. */
export function roundsOf<R>(result: R & { rounds?: R[] }): R[] {
  return result.rounds ?? [result];
}

function medianOf(rounds: readonly unknown[]): string {
  return rounds.length > 1 ? `, median of ${rounds.length} rounds` : '';
}
