import {
  createTestDatabase,
  requireTestEnv,
  workspaceRoot,
  type TestDatabase,
} from '@leadhooks/testing';
import { parseBenchOptions } from '../src/cli/bench.options';
import type { BenchReport } from '../src/report/bench-report';
import { ledgersOf } from '../src/report/targets';
import { reportMarkdown } from '../src/report/report.markdown';
import { runBench } from '../src/run-bench';

/**
 * `npm run bench -- --smoke` in the test suite, so the bench never rots: every scenario,
 * small, on this jest run's Kafka and a fresh database. It asserts the report's shape and
 * that nothing was lost, never a timing: a benchmark does not fail CI on a slow day.
 */
describe('npm run bench -- --smoke', () => {
  let database: TestDatabase;
  let report: BenchReport;
  const progress: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('bench_smoke');
    report = await runBench({
      root: workspaceRoot,
      databaseUrl: database.url,
      kafkaBrokers: requireTestEnv('KAFKA_BROKERS'),
      run: { ...parseBenchOptions(['--smoke']), cpuProfDir: undefined },
      progress: (line) => progress.push(line),
    });
  }, 600_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('runs every scenario and reports each figure', () => {
    expect(report.smoke).toBe(true);
    expect(report.throughput?.dispatcher.deliveriesPerSec).toBeGreaterThan(0);
    expect(report.throughput?.limit.deliveriesPerSec).toBeGreaterThan(0);
    expect(report.throughput?.dispatcher.cpuSecondsPer1000).toBeGreaterThan(0);
    expect(report.throughput?.dispatcher.peakRssMiB).toBeGreaterThan(0);
    expect(report.latency?.steps.map((step) => step.rate)).toEqual([50]);
    // Latency counts the leads due after the warm-up; the ledger counts every lead.
    const step = report.latency?.steps[0];
    expect(step?.measuredLeads).toBeGreaterThan(0);
    expect(step?.measuredLeads).toBeLessThan(step?.ledger.published ?? 0);
    expect(step?.latency.count).toBe(step?.measuredLeads);
    // Every delivery is traced through each hop, so the stage table covers the whole step.
    const stages = report.latency?.steps[0].stages;
    for (const stage of [stages?.api, stages?.outbox, stages?.fanout, stages?.delivery]) {
      expect(stage?.count).toBe(report.latency?.steps[0].latency.count);
    }
    expect(report.latency?.steps[0].cpuMsPerLead.leadsService).toBeGreaterThan(0);
    expect(report.latency?.steps[0].cpuMsPerLead.dispatcher).toBeGreaterThan(0);
    for (const compared of [report.isolation, report.retry]) {
      expect(compared?.baseline.latency.count).toBeGreaterThan(0);
      expect(compared?.disturbed.latency.count).toBeGreaterThan(0);
    }
    // Retry pressure measures every endpoint, but only the events due after the warm-up.
    expect(report.retry?.baseline.latency.count).toBeLessThan(
      report.retry?.baseline.ledger.delivered ?? 0,
    );
    // The healthy endpoints' retries all came, beside a Retry-After and a hanging endpoint.
    expect(report.retryIsolation?.lateness.count).toBeGreaterThan(0);
    expect(report.retryIsolation?.baselineLateness.count).toBeGreaterThan(0);
    expect(report.retryIsolation?.notRetried).toBe(0);
    // Every target but the 500 leads/s one: smoke's only rate is 50.
    expect(report.targets).toHaveLength(5);
    expect(report.targets.every((target) => typeof target.met === 'boolean')).toBe(true);
    expect(progress.some((line) => line.startsWith('throughput:'))).toBe(true);
  });

  it('balances every ledger: missing 0, so the run is not void', () => {
    const ledgers = ledgersOf(report);
    expect(ledgers).toHaveLength(2 + 1 + 4);
    for (const { name, ledger } of ledgers) {
      expect({ name, missing: ledger.missing }).toEqual({ name, missing: 0 });
      expect(ledger.published).toBeGreaterThan(0);
    }
    expect(report.void).toBe(false);
    // The hanging endpoint's deliveries end as dead letters, the others are delivered.
    expect(report.isolation?.disturbed.ledger.deadLettered).toBeGreaterThan(0);
  });

  it('renders the README block from the report', () => {
    const markdown = reportMarkdown(report, 'reports/bench/latest.json');
    expect(markdown).toContain('| dispatcher |');
    expect(markdown).toContain('| latency: 50/s |');
    expect(markdown).toContain('Where the time went');
  });
});
