import { benchSaveLead } from '../load/bench-events';
import { nowMs } from '../load/bench-receiver';
import { openLoop } from '../load/open-loop';
import type { Behaviour } from '../load/receiver-run';
import { settle } from '../load/settle';
import type { ComparedRun, ComparisonResult, ComparisonRound } from '../report/bench-report';
import type { BenchContext } from '../stack/bench-context';
import type { BenchStack } from '../stack/bench-stack';
import { summarizeLatencies } from '../stats/latency.summary';
import { medianBy, roundLabel } from '../stats/median';

/** Ten endpoints (webhooks) of one account: every save_lead fans out to all of them. */
export const tenEndpoints = Array.from({ length: 10 }, (_, i) => `e${i}`);

/**
 * Dispatcher settings of the comparison stack: a hanging endpoint is given up on after
 * 300 ms and retries come 150, 300 and 600 ms apart, so a run settles within seconds.
 * (In production the timeout is 15 s: the hang then holds its slots 50 times longer.)
 */
export const comparisonDispatcherEnv = {
  WEBHOOK_TIMEOUT_MS: '300',
  WEBHOOK_RETRY_DELAYS: '150ms,300ms,600ms',
  DISPATCHER_RETRY_POLL_MS: '100',
};

export interface ComparisonSpec {
  name: string;
  ratePerSec: number;
  durationSec: number;
  /**
   * Seconds of load before the measured ones, in every run: without them the first
   * baseline of a stack measured its cold start (p99 72-135 ms against 17-22 in the next
   * round), and a ratio of 0.3 said nothing about the disturbance.
   */
  warmUpSec: number;
  baseline: Behaviour;
  disturbed: Behaviour;
  /** Which endpoints' deliveries the figures are about. */
  measured(endpoint: string): boolean;
}

/**
 * The same open-loop load without and with a disturbance, side by side, `rounds` times in
 * alternation. The targets compare p99s of tens of milliseconds, where the twenty slowest
 * of 2,000 deliveries decide a run: one round measured 1.18 and 1.6 for the same code on
 * two days. The report takes the round with the median p99 ratio and keeps every round.
 */
export async function compareRuns(
  ctx: BenchContext,
  stack: BenchStack,
  spec: ComparisonSpec,
  rounds: number,
): Promise<ComparisonResult> {
  const done: ComparisonRound[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const label = roundLabel(spec.name, round, rounds);
    const baseline = await loadRun(ctx, stack, spec, label, 'baseline', spec.baseline);
    const disturbed = await loadRun(ctx, stack, spec, label, 'disturbed', spec.disturbed);
    done.push({
      baseline,
      disturbed,
      p99Ratio: ratio(disturbed.latency.p99, baseline.latency.p99),
      throughputRatio: ratio(disturbed.deliveriesPerSec, baseline.deliveriesPerSec),
    });
  }
  return {
    ratePerSec: spec.ratePerSec,
    ...medianBy(done, (round) => round.p99Ratio),
    rounds: done,
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

async function loadRun(
  ctx: BenchContext,
  stack: BenchStack,
  spec: ComparisonSpec,
  label: string,
  side: 'baseline' | 'disturbed',
  behaviour: Behaviour,
): Promise<ComparedRun> {
  const tenant = await stack.tenant(`${spec.name}-${side}`, behaviour);
  for (const endpoint of tenEndpoints) await tenant.addWebhook(endpoint);
  ctx.progress(
    `${label} (${side}): ${spec.ratePerSec} events/s x 10 endpoints for ${spec.warmUpSec} s warm-up + ${spec.durationSec} s`,
  );
  // The open loop's clock: arrivals are measured from their `dueAt` on it.
  const measuredFrom = nowMs() + spec.warmUpSec * 1000;
  const load = await openLoop({
    ratePerSec: spec.ratePerSec,
    durationSec: spec.warmUpSec + spec.durationSec,
    fire: (batch) =>
      stack.publish(
        batch.map(({ seq, dueAt }) =>
          benchSaveLead(tenant.accountId, `${tenant.run.id}-${seq}`, dueAt),
        ),
      ),
  });
  const published = (load.scheduled - load.failed) * tenEndpoints.length;
  await settle({
    tenant,
    expected: published,
    stallMs: 30_000,
    progress: (n) => ctx.progress(`${label} (${side}): ${n}/${published} settled`),
  });
  return {
    latency: summarizeLatencies(tenant.run.latencies(spec.measured, measuredFrom)),
    deliveriesPerSec: tenant.run.throughput(spec.measured),
    ledger: tenant.ledger(published),
  };
}
