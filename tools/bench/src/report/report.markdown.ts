import type { LatencySummary } from '../stats/latency.summary';
import type {
  BenchReport,
  ComparisonResult,
  ComparisonRound,
  LatencyResult,
  LatencyStep,
  RetryIsolationResult,
  ThroughputResult,
  ThroughputRound,
} from './bench-report';
import { ledgersOf, roundsOf } from './targets';

export const readmeStart = '<!-- bench:start -->';
export const readmeEnd = '<!-- bench:end -->';

/**
 * The results as Markdown tables: what the bench prints at the end, and tools/bench/README.md's
 * block (README.md's holds only `targetsMarkdown`). Generated from the JSON report only, so
 * no README holds a figure no report backs.
 */
export function reportMarkdown(report: BenchReport, source: string): string {
  return `${targetsMarkdown(report, source)}\n${detailsMarkdown(report)}`;
}

/** Which run, on what machine, and the targets table: README.md's benchmark block. */
export function targetsMarkdown(report: BenchReport, source: string): string {
  const lines: string[] = [];
  const m = report.machine;
  lines.push(
    `Run ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC${report.smoke ? ' (smoke: too small to mean much)' : ''}, ` +
      `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}; from \`${source}\`.` +
      (report.void ? ` **VOID: ${report.voidReasons.join('; ')}.**` : ''),
  );
  lines.push('');
  lines.push('| target | measured | met |', '| --- | --- | --- |');
  for (const check of report.targets) {
    lines.push(`| ${check.target} | ${check.measured} | ${check.met ? 'yes' : '**no**'} |`);
  }
  return lines.join('\n');
}

/** Every scenario's tables, rounds and ledgers, after the targets. */
function detailsMarkdown(report: BenchReport): string {
  const lines: string[] = [];
  if (report.throughput) lines.push(...throughputTables(report.throughput));
  if (report.latency) lines.push(...latencyTables(report.latency));
  const compared = [
    ['Isolation (healthy nine of ten endpoints; one hangs)', report.isolation],
    ['Retry pressure (fresh deliveries; 10 % fail 3 times)', report.retry],
  ] as const;
  for (const [title, result] of compared) {
    if (result) lines.push(...comparisonTables(title, result));
  }
  if (report.retryIsolation) lines.push(...retryIsolationTable(report.retryIsolation));
  lines.push('', 'Ledgers (published = delivered + dead-lettered; missing must be 0):', '');
  lines.push(
    '| scenario | published | delivered | dead-lettered | missing | duplicates |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const { name, ledger: l } of ledgersOf(report)) {
    lines.push(
      `| ${name} | ${l.published} | ${l.delivered} | ${l.deadLettered} | ${l.missing} | ${l.duplicates} |`,
    );
  }
  return lines.join('\n');
}

function latencyTables(latency: LatencyResult): string[] {
  const lines: string[] = [];
  lines.push('', 'End-to-end latency, API call to the webhook at the receiver (ms):', '');
  lines.push(
    '| leads/s | achieved | p50 | p95 | p99 | max | lag grows | API errors |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const s of latency.steps) {
    const l = s.latency;
    lines.push(
      `| ${s.rate} | ${s.achievedRate} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${s.lagGrows ? 'yes' : 'no'} | ${apiErrorsCell(s)} |`,
    );
  }
  lines.push(
    '',
    `Highest rate sustained without growing lag: ${sustainedRate(latency.highestSustainedRate)}.`,
    '',
    'Where the time went, p50 / p99 ms per stage (record timestamps on leads.save_lead and webhooks.deliveries):',
    '',
    '| leads/s | API answer | outbox to Kafka | fan-out | delivery |',
    '| --- | --- | --- | --- | --- |',
  );
  for (const { rate, stages } of latency.steps) {
    const cell = (stage: LatencySummary) => `${stage.p50} / ${stage.p99}`;
    lines.push(
      `| ${rate} | ${cell(stages.api)} | ${cell(stages.outbox)} | ${cell(stages.fanout)} | ${cell(stages.delivery)} |`,
    );
  }
  lines.push(
    '',
    'Where the CPU went, ms per lead (rest: Kafka, Postgres and the kernel):',
    '',
    '| leads/s | leads-service | dispatcher | bench | rest | machine busy |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const { rate, cpuMsPerLead: cpu } of latency.steps) {
    lines.push(
      `| ${rate} | ${cpu.leadsService} | ${cpu.dispatcher} | ${cpu.bench} | ${cpu.rest} | ${cpu.machineBusyPct} % |`,
    );
  }
  return lines;
}

function comparisonTables(title: string, result: ComparisonResult): string[] {
  const lines: string[] = [];
  const which = medianRoundOf(roundsOf<ComparisonRound>(result).length);
  lines.push('', `${title}, ${result.ratePerSec} events/s × 10 endpoints${which}:`, '');
  lines.push(
    '| run | p50 | p95 | p99 | max | deliveries/s |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const [side, run] of [
    ['baseline', result.baseline],
    ['disturbed', result.disturbed],
  ] as const) {
    const l = run.latency;
    lines.push(`| ${side} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${run.deliveriesPerSec} |`);
  }
  lines.push(`| ratio | | | ${result.p99Ratio} | | ${result.throughputRatio} |`);
  const rounds = roundsOf<ComparisonRound>(result);
  if (rounds.length < 2) return lines;
  lines.push(
    '',
    'Every round, in the order run (baseline, then disturbed):',
    '',
    '| round | baseline p99 | disturbed p99 | p99 ratio | deliveries/s ratio |',
    '| --- | --- | --- | --- | --- |',
  );
  rounds.forEach((r, index) =>
    lines.push(
      `| ${index + 1} | ${r.baseline.latency.p99} | ${r.disturbed.latency.p99} | ${r.p99Ratio} | ${r.throughputRatio} |`,
    ),
  );
  return lines;
}

function retryIsolationTable(r: RetryIsolationResult): string[] {
  const l = r.lateness;
  const b = r.baselineLateness;
  return [
    '',
    `Retry isolation, ${r.ratePerSec} events/s × 10 endpoints: one answers 503 with \`Retry-After: 300\`, one hangs ${r.hangTimeoutMs / 1000} s on every retry; the other eight's first retries, ms after their due time (${r.retryDelayMs / 1000} s after the failed attempt):`,
    '',
    '| run | retries | p50 | p95 | p99 | max | never came |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    `| baseline (all fail once) | ${b.count} | ${b.p50} | ${b.p95} | ${b.p99} | ${b.max} | |`,
    `| disturbed | ${l.count} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${r.notRetried} |`,
  ];
}

function medianRoundOf(count: number): string {
  return count > 1 ? `, the round with the median ratio of ${count}` : '';
}

function throughputTables(t: ThroughputResult): string[] {
  const rounds = roundsOf<ThroughputRound>(t);
  const which = medianRoundOf(rounds.length);
  // Split by role, CPU and peak memory are the two processes' added up.
  const dispatcher =
    t.dispatcherLayout === 'split' ? 'dispatcher (delivery + fan-out process)' : 'dispatcher';
  const lines = [
    '',
    `Throughput, ${t.events} events, one webhook each${which}:`,
    '',
    '| | deliveries/s | CPU s per 1,000 | peak RSS MiB |',
    '| --- | --- | --- | --- |',
    `| ${dispatcher} | ${t.dispatcher.deliveriesPerSec} | ${t.dispatcher.cpuSecondsPer1000} | ${t.dispatcher.peakRssMiB} |`,
    `| limit (consume, sign, POST, commit) | ${t.limit.deliveriesPerSec} | ${t.limit.cpuSecondsPer1000} | ${t.limit.peakRssMiB} |`,
    `| ratio | ${t.ratio} | | |`,
  ];
  if (rounds.length < 2) return lines;
  lines.push(
    '',
    'Every round, in the order run (limit, then dispatcher, on fresh topics):',
    '',
    '| round | dispatcher/s | limit/s | ratio | dispatcher CPU s per 1,000 | limit CPU s per 1,000 |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  rounds.forEach((r, index) =>
    lines.push(
      `| ${index + 1} | ${r.dispatcher.deliveriesPerSec} | ${r.limit.deliveriesPerSec} | ${r.ratio} | ${r.dispatcher.cpuSecondsPer1000} | ${r.limit.cpuSecondsPer1000} |`,
    ),
  );
  return lines;
}

/** README with the text between the bench markers replaced; throws if the markers are missing. */
export function replaceReadmeBlock(readme: string, block: string): string {
  const start = readme.indexOf(readmeStart);
  const end = readme.indexOf(readmeEnd);
  if (start < 0 || end < start) {
    throw new Error(`README has no ${readmeStart} ... ${readmeEnd} block to rewrite`);
  }
  return `${readme.slice(0, start + readmeStart.length)}\n${block}\n${readme.slice(end)}`;
}

/** "2 (503: 1, no answer: socket hang up: 1)": which failures, not only how many. */
export function apiErrorsCell(step: LatencyStep): string {
  const kinds = Object.entries(step.apiErrorsByKind ?? {});
  if (step.apiErrors === 0 || kinds.length === 0) return String(step.apiErrors);
  return `${step.apiErrors} (${kinds.map(([kind, count]) => `${kind}: ${count}`).join(', ')})`;
}

function sustainedRate(rate: number | null): string {
  return rate === null ? 'none of the rates run' : `${rate} leads/s`;
}
