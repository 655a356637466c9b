import type { BenchReport, LatencyStep, ProcessFigures, ThroughputRound } from './bench-report';
import {
  apiErrorsCell,
  readmeEnd,
  readmeStart,
  replaceReadmeBlock,
  reportMarkdown,
  targetsMarkdown,
} from './report.markdown';
import { ledgersOf, retryIsolationCheck } from './targets';

describe(replaceReadmeBlock.name, () => {
  it('replaces only what is between the markers, keeping them', () => {
    const readme = `# x\n\n## Benchmark\n${readmeStart}\nold table\n${readmeEnd}\n\nafter\n`;
    expect(replaceReadmeBlock(readme, 'new table')).toBe(
      `# x\n\n## Benchmark\n${readmeStart}\nnew table\n${readmeEnd}\n\nafter\n`,
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => replaceReadmeBlock('# x\n', 'table')).toThrow(/bench:start/);
  });
});

describe(apiErrorsCell.name, () => {
  const step = (apiErrors: number, apiErrorsByKind?: Record<string, number>) =>
    ({ apiErrors, apiErrorsByKind }) as LatencyStep;

  it('names each kind of failure with its count', () => {
    expect(apiErrorsCell(step(3, { '503': 2, 'no answer: socket hang up': 1 }))).toBe(
      '3 (503: 2, no answer: socket hang up: 1)',
    );
  });

  it('is the bare count without failures, or for a report written before kinds were kept', () => {
    expect(apiErrorsCell(step(0, {}))).toBe('0');
    expect(apiErrorsCell(step(2))).toBe('2');
  });
});

describe(reportMarkdown.name, () => {
  const ledger = { published: 9, delivered: 9, deadLettered: 0, missing: 0, duplicates: 0 };
  const figures = (deliveriesPerSec: number): ProcessFigures => ({
    deliveriesPerSec,
    cpuSecondsPer1000: 0.4,
    peakRssMiB: 400,
    ledger: { ...ledger, void: false },
  });
  const round = (dispatcher: number, ratio: number): ThroughputRound => ({
    dispatcher: figures(dispatcher),
    limit: figures(6000),
    ratio,
  });
  const report = (throughput: BenchReport['throughput']): BenchReport => ({
    version: 1,
    startedAt: '2026-12-04T15:00:00.000Z',
    finishedAt: '2026-12-04T15:05:00.000Z',
    smoke: false,
    machine: { cpus: 2, cpuModel: 'cpu', memoryGiB: 24, node: 'v20', os: 'linux' },
    options: { events: 9, durationSec: 1, rates: [], loadRate: 1 },
    throughput,
    targets: [],
    void: false,
    voidReasons: [],
  });

  it('shows the median round and every round, in the order run', () => {
    const rounds = [round(2400, 0.4), round(3000, 0.5), round(1800, 0.3)];
    const markdown = reportMarkdown(
      report({ events: 9, ...rounds[0], rounds }),
      'reports/bench/x.json',
    );
    expect(markdown).toContain('the round with the median ratio of 3');
    expect(markdown).toContain('| 2 | 3000 | 6000 | 0.5 |');
    expect(markdown.indexOf('| 1 | 2400')).toBeLessThan(markdown.indexOf('| 3 | 1800'));
  });

  it('shows every round of a comparison and checks its median', () => {
    const run = (p99: number) => ({
      latency: { count: 9, p50: 1, p95: 2, p99, max: p99 },
      deliveriesPerSec: 90,
      ledger: { ...ledger, void: false },
    });
    const compared = (baseline: number, disturbed: number) => ({
      baseline: run(baseline),
      disturbed: run(disturbed),
      p99Ratio: Math.round((disturbed / baseline) * 100) / 100,
      throughputRatio: 1,
    });
    const rounds = [compared(20, 32), compared(20, 24), compared(20, 28)];
    const result = { ratePerSec: 10, ...rounds[2], rounds };
    const withIsolation = { ...report(undefined), isolation: result };
    const markdown = reportMarkdown(withIsolation, 'x.json');
    expect(markdown).toContain('10 events/s × 10 endpoints, the round with the median ratio of 3');
    expect(markdown).toContain('| 1 | 20 | 32 | 1.6 | 1 |');
    expect(ledgersOf(withIsolation).map((l) => l.name)).toContain('isolation 3/3: disturbed');
  });

  it('shows retry isolation as lateness, and checks it against 2 s', () => {
    const retryIsolation = (max: number, notRetried = 0) => ({
      ratePerSec: 5,
      retryDelayMs: 2_000,
      hangTimeoutMs: 20_000,
      baselineLateness: { count: 40, p50: 100, p95: 200, p99: 250, max: 260 },
      lateness: { count: 40, p50: 120, p95: 300, p99: 400, max },
      notRetried,
    });
    const markdown = reportMarkdown(
      { ...report(undefined), retryIsolation: retryIsolation(450) },
      'x.json',
    );
    expect(markdown).toContain('| disturbed | 40 | 120 | 300 | 400 | 450 | 0 |');
    expect(markdown).toContain('| baseline (all fail once) | 40 | 100 | 200 | 250 | 260 | |');
    expect(retryIsolationCheck(retryIsolation(450)).met).toBe(true);
    expect(retryIsolationCheck(retryIsolation(2_001)).met).toBe(false);
    const missing = retryIsolationCheck(retryIsolation(450, 3));
    expect(missing).toMatchObject({ met: false });
    expect(missing.measured).toContain('3 never came');
  });

  it('names a dispatcher split by role as its two processes', () => {
    const split = report({ events: 9, dispatcherLayout: 'split', ...round(2400, 0.4) });
    expect(reportMarkdown(split, 'x.json')).toContain(
      '| dispatcher (delivery + fan-out process) | 2400 |',
    );
  });

  it('gives README only the run and its targets; the full text adds every table after them', () => {
    const checked = {
      ...report({ events: 9, ...round(2400, 0.4) }),
      targets: [{ target: 'throughput >= 0.5 x the limit', measured: '0.4 x', met: false }],
    };
    const targets = targetsMarkdown(checked, 'reports/bench/x.json');
    expect(targets).toContain('from `reports/bench/x.json`');
    expect(targets).toContain('| throughput >= 0.5 x the limit | 0.4 x | **no** |');
    expect(targets).not.toContain('| dispatcher | 2400 |');
    const full = reportMarkdown(checked, 'reports/bench/x.json');
    expect(full.startsWith(`${targets}\n\n`)).toBe(true);
    expect(full).toContain('| dispatcher | 2400 |');
  });

  it('reads a report from before rounds as one round', () => {
    const markdown = reportMarkdown(report({ events: 9, ...round(2400, 0.4) }), 'old.json');
    expect(markdown).toContain('| dispatcher | 2400 |');
    expect(markdown).not.toContain('Every round');
    expect(ledgersOf(report({ events: 9, ...round(2400, 0.4) })).map((l) => l.name)).toEqual([
      'throughput: dispatcher',
      'throughput: limit',
    ]);
  });
});
