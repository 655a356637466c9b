import { benchSaveLead } from '../load/bench-events';
import { openLoop } from '../load/open-loop';
import type { Behaviour } from '../load/receiver-run';
import { settle } from '../load/settle';
import type { ComparedRun, ComparisonResult } from '../report/bench-report';
import type { BenchContext } from '../stack/bench-context';
import type { BenchStack } from '../stack/bench-stack';
import { summarizeLatencies } from '../stats/latency.summary';

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
  baseline: Behaviour;
  disturbed: Behaviour;
  /** Which endpoints' deliveries the figures are about. */
  measured(endpoint: string): boolean;
}

/** The same open-loop load twice, without and with a disturbance, side by side. */
export async function compareRuns(
  ctx: BenchContext,
  stack: BenchStack,
  spec: ComparisonSpec,
): Promise<ComparisonResult> {
  const baseline = await loadRun(ctx, stack, spec, 'baseline', spec.baseline);
  const disturbed = await loadRun(ctx, stack, spec, 'disturbed', spec.disturbed);
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
  return {
    ratePerSec: spec.ratePerSec,
    baseline,
    disturbed,
    p99Ratio: ratio(disturbed.latency.p99, baseline.latency.p99),
    throughputRatio: ratio(disturbed.deliveriesPerSec, baseline.deliveriesPerSec),
  };
}

async function loadRun(
  ctx: BenchContext,
  stack: BenchStack,
  spec: ComparisonSpec,
  side: 'baseline' | 'disturbed',
  behaviour: Behaviour,
): Promise<ComparedRun> {
  const tenant = await stack.tenant(`${spec.name}-${side}`, behaviour);
  for (const endpoint of tenEndpoints) await tenant.addWebhook(endpoint);
  ctx.progress(
    `${spec.name} (${side}): ${spec.ratePerSec} events/s x 10 endpoints for ${spec.durationSec} s`,
  );
  const load = await openLoop({
    ratePerSec: spec.ratePerSec,
    durationSec: spec.durationSec,
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
    progress: (n) => ctx.progress(`${spec.name} (${side}): ${n}/${published} settled`),
  });
  return {
    latency: summarizeLatencies(tenant.run.latencies(spec.measured)),
    deliveriesPerSec: tenant.run.throughput(spec.measured),
    ledger: tenant.ledger(published),
  };
}
