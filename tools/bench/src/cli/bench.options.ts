import { parseArgs } from 'node:util';

export const scenarioNames = [
  'throughput',
  'latency',
  'isolation',
  'retry',
  'retry-isolation',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];
export const dispatcherLayoutNames = ['one', 'split'] as const;
export type DispatcherLayoutName = (typeof dispatcherLayoutNames)[number];

export interface BenchOptions {
  /** save_lead events of the throughput scenario (each one delivery, for the dispatcher and the limit). */
  events: number;
  /** Throughput: the dispatcher as one process, or split by role into two (decision 051). */
  dispatchers: DispatcherLayoutName;
  /**
   * Alternating rounds of throughput (limit, dispatcher) and of isolation and retry
   * (baseline, disturbed); the report takes the round with the median ratio.
   */
  rounds: number;
  /** Seconds of load per step of the open-loop scenarios (each rate, each isolation/retry run). */
  durationSec: number;
  /** Seconds of load at each latency rate before its measured seconds (not counted). */
  warmUpSec: number;
  /** Arrival rates of the end-to-end latency scenario, leads per second. */
  rates: number[];
  /** Events per second of the isolation and retry scenarios (isolation fans each out to 10). */
  loadRate: number;
  scenarios: ScenarioName[];
  smoke: boolean;
  /** Directory of the JSON reports. */
  outDir: string;
  /** Write a V8 CPU profile of each dispatcher child into this directory. */
  cpuProfDir: string | undefined;
  /** Rewrite README's benchmark block from this report instead of running. */
  readmeFrom: string | undefined;
}

export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

export const usage = `usage: npm run bench -- [options]
  --events N          throughput: save_lead events (default 20000; smoke 300)
  --dispatchers L     throughput: one (process, default) or split (delivery + fan-out process)
  --rounds N          throughput, isolation, retry: alternating rounds, median ratio (default 3; smoke 1)
  --duration S        seconds of load per step of the other scenarios (default 20; smoke 3)
  --warm-up S         latency, isolation, retry: seconds of load before the measured ones (default 5; smoke 1)
  --rates A,B,C       latency: arrival rates, leads/s (default 50,100,500,1000; smoke 50)
  --load-rate R       isolation, retry, retry-isolation: events/s, each to 10 endpoints (default 10; smoke 5)
  --scenarios LIST    some of ${scenarioNames.join(',')} (default all)
  --smoke             small and short: proves every scenario works, measures little
  --out DIR           where JSON reports go (default reports/bench)
  --cpu-prof DIR      write a CPU profile of each dispatcher and leads-service process into DIR
  --readme FILE       rewrite the README benchmark blocks from a JSON report, run nothing`;

/** The command line, validated once: a bad value names its option. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      events: { type: 'string' },
      dispatchers: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      'warm-up': { type: 'string' },
      rates: { type: 'string' },
      'load-rate': { type: 'string' },
      scenarios: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string', default: 'reports/bench' },
      'cpu-prof': { type: 'string' },
      readme: { type: 'string' },
    },
  });
  const smoke = values.smoke ?? false;
  return {
    events: positiveInt('--events', values.events, smoke ? 300 : 20_000),
    dispatchers: parseLayout(values.dispatchers),
    rounds: positiveInt('--rounds', values.rounds, smoke ? 1 : 3),
    durationSec: positiveInt('--duration', values.duration, smoke ? 3 : 20),
    warmUpSec: positiveInt('--warm-up', values['warm-up'], smoke ? 1 : 5, 0),
    rates: (values.rates ?? (smoke ? '50' : '50,100,500,1000'))
      .split(',')
      .map((rate) => positiveInt('--rates', rate.trim(), 0)),
    loadRate: positiveInt('--load-rate', values['load-rate'], smoke ? 5 : 10),
    scenarios: parseScenarios(values.scenarios),
    smoke,
    outDir: values.out ?? 'reports/bench',
    cpuProfDir: values['cpu-prof'],
    readmeFrom: values.readme,
  };
}

function positiveInt(option: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > 10_000_000) {
    throw new BenchUsageError(
      `${option} must be a whole number from ${min} to 10000000, got "${text}"`,
    );
  }
  return value;
}

function parseLayout(text: string | undefined): DispatcherLayoutName {
  if (text === undefined) return 'one';
  const found = dispatcherLayoutNames.find((name) => name === text.trim());
  if (found === undefined) {
    throw new BenchUsageError(
      `--dispatchers takes one of ${dispatcherLayoutNames.join(', ')}, got "${text}"`,
    );
  }
  return found;
}

function parseScenarios(text: string | undefined): ScenarioName[] {
  if (text === undefined) return [...scenarioNames];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(scenarioNames as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new BenchUsageError(
      `--scenarios takes some of ${scenarioNames.join(',')}, got "${unknown.join(',') || text}"`,
    );
  }
  return names as ScenarioName[];
}
