import { cpus, platform, release, totalmem } from 'node:os';
import type { BenchOptions } from './cli/bench.options';
import type { BenchReport } from './report/bench-report';
import { checkTargets, ledgersOf } from './report/targets';
import { compareRuns, comparisonDispatcherEnv } from './scenarios/comparison';
import { isolation } from './scenarios/isolation.scenario';
import { runLatency } from './scenarios/latency.scenario';
import { runRetryIsolation } from './scenarios/retry-isolation.scenario';
import { retryPressure } from './scenarios/retry.scenario';
import { runThroughput } from './scenarios/throughput.scenario';
import { openBenchContext } from './stack/bench-context';
import { BenchStack } from './stack/bench-stack';
import { warmUp } from './stack/warm-up';

export type RunOptions = Pick<
  BenchOptions,
  | 'events'
  | 'dispatchers'
  | 'rounds'
  | 'durationSec'
  | 'warmUpSec'
  | 'rates'
  | 'loadRate'
  | 'scenarios'
  | 'smoke'
  | 'cpuProfDir'
>;

/**
 * Every scenario asked for, one after another on the given servers and database, each
 * with processes and topics of its own; a report whatever the outcome, void if any
 * ledger is missing a delivery.
 */
export async function runBench(options: {
  root: string;
  databaseUrl: string;
  kafkaBrokers: string;
  run: RunOptions;
  progress(line: string): void;
}): Promise<BenchReport> {
  const { run } = options;
  const startedAt = new Date().toISOString();
  const ctx = await openBenchContext({ ...options, cpuProfDir: run.cpuProfDir });
  const results: Pick<
    BenchReport,
    'throughput' | 'latency' | 'isolation' | 'retry' | 'retryIsolation'
  > = {};
  try {
    if (run.scenarios.includes('throughput')) {
      results.throughput = await runThroughput(ctx, {
        events: run.events,
        rounds: run.rounds,
        layout: run.dispatchers,
      });
    }
    if (run.scenarios.includes('latency')) {
      const stack = await BenchStack.start(ctx, { name: 'latency', withLeadsService: true });
      try {
        await warmUp(stack, ctx.progress);
        results.latency = await runLatency(ctx, stack, run.rates, {
          durationSec: run.durationSec,
          warmUpSec: run.warmUpSec,
        });
      } finally {
        await stack.stop();
      }
    }
    if (run.scenarios.includes('isolation') || run.scenarios.includes('retry')) {
      const stack = await BenchStack.start(ctx, {
        name: 'compare',
        dispatcherEnv: comparisonDispatcherEnv,
      });
      try {
        await warmUp(stack, ctx.progress);
        const load = {
          ratePerSec: run.loadRate,
          durationSec: run.durationSec,
          warmUpSec: run.warmUpSec,
        };
        if (run.scenarios.includes('isolation')) {
          results.isolation = await compareRuns(ctx, stack, { ...isolation, ...load }, run.rounds);
        }
        if (run.scenarios.includes('retry')) {
          results.retry = await compareRuns(ctx, stack, { ...retryPressure, ...load }, run.rounds);
        }
      } finally {
        await stack.stop();
      }
    }
    if (run.scenarios.includes('retry-isolation')) {
      results.retryIsolation = await runRetryIsolation(ctx, {
        ratePerSec: run.loadRate,
        durationSec: run.durationSec,
      });
    }
  } finally {
    await ctx.close();
  }
  const voidReasons = ledgersOf(results)
    .filter(({ ledger }) => ledger.void)
    .map(({ name, ledger }) => `${name}: ${ledger.missing} missing`);
  const partial: Omit<BenchReport, 'targets'> = {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    smoke: run.smoke,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      os: `${platform()} ${release()}`,
    },
    options: {
      events: run.events,
      rounds: run.rounds,
      durationSec: run.durationSec,
      warmUpSec: run.warmUpSec,
      rates: run.rates,
      loadRate: run.loadRate,
    },
    ...results,
    void: voidReasons.length > 0,
    voidReasons,
  };
  return { ...partial, targets: checkTargets(partial) };
}
