import { benchLead } from '../load/bench-events';
import { nowMs } from '../load/bench-receiver';
import { HopTap } from '../load/hop-tap';
import { LeadsApi } from '../load/leads-api';
import { openLoop } from '../load/open-loop';
import { settle } from '../load/settle';
import type { LatencyResult, LatencyStep } from '../report/bench-report';
import type { AppProcess } from '../stack/app-process';
import type { BenchStack } from '../stack/bench-stack';
import type { BenchContext } from '../stack/bench-context';
import { CpuMeter } from '../stats/cpu-split';
import { lagGrows, summarizeLatencies } from '../stats/latency.summary';

/**
 * Leads created through leads-service's API at fixed arrival rates (open loop), each
 * step with an account and webhook of its own; latency from the moment a call was due
 * to the first byte of its webhook at the receiver: the API, the outbox, Kafka, fan-out,
 * delivery, all of it.
 */
export async function runLatency(
  ctx: BenchContext,
  stack: BenchStack,
  rates: readonly number[],
  durationSec: number,
): Promise<LatencyResult> {
  if (!stack.leads) throw new Error('the latency scenario needs a stack with leads-service');
  const leads = stack.leads;
  const steps: LatencyStep[] = [];
  const skippedRates: number[] = [];
  for (const rate of [...rates].sort((a, b) => a - b)) {
    // Past the first rate that piled up, a higher one only makes a longer backlog to drain.
    if (steps.some((step) => !sustained(step))) skippedRates.push(rate);
    else steps.push(await runStep(ctx, stack, leads, rate, durationSec));
  }
  const held = steps.filter(sustained).map((step) => step.rate);
  return {
    steps,
    skippedRates,
    highestSustainedRate: held.length > 0 ? Math.max(...held) : null,
  };
}

/** One rate, with an account and webhook of its own. */
async function runStep(
  ctx: BenchContext,
  stack: BenchStack,
  leads: AppProcess,
  rate: number,
  durationSec: number,
): Promise<LatencyStep> {
  const tenant = await stack.tenant(`latency-${rate}`);
  await tenant.addWebhook('hook');
  const api = new LeadsApi(leads.baseUrl, tenant.apiKey);
  const tap = new HopTap();
  let accepted = 0;
  let apiErrors = 0;
  const apiErrorsByKind: Record<string, number> = {};
  ctx.progress(`latency: ${rate} leads/s for ${durationSec} s`);
  const cpu = new CpuMeter({ leadsService: leads.pid, dispatcher: stack.dispatcher.pid });
  const load = await openLoop({
    ratePerSec: rate,
    durationSec,
    fire: (batch) =>
      Promise.all(
        batch.map(async ({ seq, dueAt }) => {
          const lead = benchLead(`${tenant.run.id}-${seq}`, dueAt);
          const status = await api
            .create(lead)
            .catch((error: unknown) => `no answer: ${(error as Error).message}`);
          tap.answer(lead.email, dueAt, nowMs());
          if (status === 201) accepted += 1;
          else {
            apiErrors += 1;
            apiErrorsByKind[status] = (apiErrorsByKind[status] ?? 0) + 1;
          }
        }),
      ),
  });
  api.close();
  await settle({
    tenant,
    expected: accepted,
    stallMs: 15_000,
    progress: (n) => ctx.progress(`latency: ${rate}/s ${n}/${accepted} delivered`),
  });
  const cpuMsPerLead = cpu.split(accepted);
  ctx.progress(`latency: ${rate}/s reading record times for the stages`);
  await tap.readRecords(stack.kafka, `bench-hop-tap-${rate}`, tenant.run.firstArrivals);
  const latencies = tenant.run.latencies();
  return {
    rate,
    achievedRate: Math.round(accepted / load.elapsedSec),
    apiErrors,
    apiErrorsByKind,
    latency: summarizeLatencies(latencies),
    stages: tap.stages(tenant.run.firstArrivals),
    cpuMsPerLead,
    lagGrows: lagGrows(latencies, durationSec * 1000),
    ledger: tenant.ledger(accepted),
  };
}

function sustained(step: LatencyStep): boolean {
  return !step.lagGrows && step.apiErrors === 0 && !step.ledger.void;
}
