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

/** Seconds of load per rate: the first `warmUpSec` are load only, the rest are measured. */
export interface StepTiming {
  durationSec: number;
  warmUpSec: number;
}

/**
 * Leads created through leads-service's API at fixed arrival rates (open loop), each
 * step with an account and webhook of its own; latency from the moment a call was due
 * to the first byte of its webhook at the receiver: the API, the outbox, Kafka, fan-out,
 * delivery, all of it. Each rate first runs `warmUpSec` unmeasured: a step starts on
 * processes that ran another rate, or none (cold code, empty pools, a queue still filling),
 * and a service in production is measured warm. Ledgers count every lead.
 */
export async function runLatency(
  ctx: BenchContext,
  stack: BenchStack,
  rates: readonly number[],
  timing: StepTiming,
): Promise<LatencyResult> {
  if (!stack.leads) throw new Error('the latency scenario needs a stack with leads-service');
  const leads = stack.leads;
  const steps: LatencyStep[] = [];
  const skippedRates: number[] = [];
  for (const rate of [...rates].sort((a, b) => a - b)) {
    // Past the first rate that piled up, a higher one only makes a longer backlog to drain.
    if (steps.some((step) => !sustained(step))) skippedRates.push(rate);
    else steps.push(await runStep(ctx, stack, leads, rate, timing));
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
  { durationSec, warmUpSec }: StepTiming,
): Promise<LatencyStep> {
  const tenant = await stack.tenant(`latency-${rate}`);
  await tenant.addWebhook('hook');
  const api = new LeadsApi(leads.baseUrl, tenant.apiKey);
  const tap = new HopTap();
  let accepted = 0;
  let apiErrors = 0;
  const apiErrorsByKind: Record<string, number> = {};
  ctx.progress(`latency: ${rate} leads/s for ${warmUpSec} s warm-up + ${durationSec} s`);
  const measuredFrom = nowMs() + warmUpSec * 1000;
  const pids = { leadsService: leads.pid, dispatcher: stack.dispatcher.pid };
  let cpu: CpuMeter | undefined;
  let measuredAccepted = 0;
  const cpuStart = setTimeout(() => (cpu = new CpuMeter(pids)), warmUpSec * 1000);
  const load = await openLoop({
    ratePerSec: rate,
    durationSec: warmUpSec + durationSec,
    fire: (batch) =>
      Promise.all(
        batch.map(async ({ seq, dueAt }) => {
          const lead = benchLead(`${tenant.run.id}-${seq}`, dueAt);
          const status = await api
            .create(lead)
            .catch((error: unknown) => `no answer: ${(error as Error).message}`);
          tap.answer(lead.email, dueAt, nowMs());
          if (status === 201) {
            accepted += 1;
            if (dueAt >= measuredFrom) measuredAccepted += 1;
          } else {
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
  clearTimeout(cpuStart);
  // From the end of the warm-up to the last delivery, per lead due in the measured seconds.
  const cpuMsPerLead = (cpu ?? new CpuMeter(pids)).split(measuredAccepted);
  const measured = tenant.run.firstArrivals.filter((arrival) => arrival.sentAt >= measuredFrom);
  ctx.progress(`latency: ${rate}/s reading record times for the stages`);
  await tap.readRecords(stack.kafka, `bench-hop-tap-${rate}`, measured);
  const latencies = tenant.run.latencies(undefined, measuredFrom);
  return {
    rate,
    achievedRate: Math.round(accepted / load.elapsedSec),
    apiErrors,
    apiErrorsByKind,
    measuredLeads: measuredAccepted,
    latency: summarizeLatencies(latencies),
    stages: tap.stages(measured),
    cpuMsPerLead,
    lagGrows: lagGrows(latencies, durationSec * 1000),
    ledger: tenant.ledger(accepted),
  };
}

function sustained(step: LatencyStep): boolean {
  return !step.lagGrows && step.apiErrors === 0 && !step.ledger.void;
}
