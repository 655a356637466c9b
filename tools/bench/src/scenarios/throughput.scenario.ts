import { Topics } from '@leadhooks/contracts';
import { generateSecret } from '@leadhooks/webhook-signing';
import { benchSaveLead } from '../load/bench-events';
import { limitLoopSpec } from '../load/limit-loop.config';
import { settle } from '../load/settle';
import type { ProcessFigures, ThroughputResult, ThroughputRound } from '../report/bench-report';
import { AppProcess } from '../stack/app-process';
import { medianBy, roundLabel } from '../stats/median';
import type { BenchContext } from '../stack/bench-context';
import type { DispatcherLayoutName } from '../cli/bench.options';
import { BenchStack, dispatcherLayouts } from '../stack/bench-stack';
import { sumUsage } from '../stats/proc-usage';
import type { Tenant } from '../stack/tenant';

const publishBatch = 1_000;
const stallMs = 30_000;

/**
 * `rounds` rounds, each on fresh topics: N save_lead events for an account with one
 * webhook, already on the topic before anyone consumes them; first the limit loop
 * delivers them all (its own consumer group), then the dispatcher does. Each is measured
 * from its first delivery to its last. One round's ratio moves by a third on this shared
 * machine (0.31-0.46 for the same code within the hour), so the report takes the round
 * with the median ratio and keeps every round beside it.
 */
export async function runThroughput(
  ctx: BenchContext,
  options: { events: number; rounds: number; layout: DispatcherLayoutName },
): Promise<ThroughputResult> {
  const { events, rounds, layout } = options;
  const done: ThroughputRound[] = [];
  for (let round = 0; round < rounds; round += 1) {
    done.push(await runRound(ctx, events, layout, roundLabel('throughput', round, rounds)));
  }
  return {
    events,
    dispatcherLayout: layout,
    ...medianBy(done, (round) => round.ratio),
    rounds: done,
  };
}

async function runRound(
  ctx: BenchContext,
  events: number,
  layout: DispatcherLayoutName,
  label: string,
): Promise<ThroughputRound> {
  // API only: the webhook exists before the first event is consumed.
  const stack = await BenchStack.start(ctx, {
    name: 'throughput',
    dispatchers: dispatcherLayouts.apiOnly,
  });
  try {
    const tenant = await stack.tenant('throughput');
    await tenant.addWebhook('hook');
    await stack.stopDispatchers();
    ctx.progress(`${label}: publishing ${events} save_lead events`);
    for (let i = 0; i < events; i += publishBatch) {
      const count = Math.min(publishBatch, events - i);
      await stack.publish(
        Array.from({ length: count }, (_, j) =>
          benchSaveLead(tenant.accountId, `tp-${i + j}`, null),
        ),
      );
    }
    const limit = await runLimit(ctx, stack, events, label);
    ctx.progress(`${label}: the dispatcher`);
    const dispatchers = await stack.startDispatchers(dispatcherLayouts[layout]);
    const figures = await measure(ctx, tenant, events, dispatchers, label);
    await stack.stopDispatchers();
    return {
      dispatcher: figures,
      limit,
      ratio:
        limit.deliveriesPerSec > 0 ? round2(figures.deliveriesPerSec / limit.deliveriesPerSec) : 0,
    };
  } finally {
    await stack.stop();
  }
}

async function runLimit(
  ctx: BenchContext,
  stack: BenchStack,
  events: number,
  label: string,
): Promise<ProcessFigures> {
  ctx.progress(`${label}: the limit loop`);
  const tenant = await stack.tenant('limit');
  const loop = await AppProcess.start(
    ctx.root,
    limitLoopSpec({
      brokers: ctx.kafkaBrokers.split(','),
      topic: stack.kafka.physicalTopic(Topics.saveLead),
      groupId: `${stack.kafka.namespace}.bench-limit`,
      url: tenant.run.url('hook'),
      secret: generateSecret(),
      caFile: ctx.caFile,
      partitions: 6,
      inFlightPerPartition: 32,
      maxSockets: 16,
    }),
  );
  try {
    return await measure(ctx, tenant, events, [loop], label);
  } finally {
    await loop.stop();
  }
}

/** Waits for the processes to deliver every event, then their figures together. */
async function measure(
  ctx: BenchContext,
  tenant: Tenant,
  events: number,
  processes: readonly AppProcess[],
  label: string,
): Promise<ProcessFigures> {
  const name = processes.map((process) => process.name).join(' + ');
  const measured = await settle({
    tenant,
    expected: events,
    stallMs,
    usage: () => sumUsage(processes.map((process) => process.usage())),
    progress: (n) => ctx.progress(`${label}: ${name} ${n}/${events} delivered`),
  });
  const delivered = tenant.run.delivered.size;
  const cpu =
    measured.usageAtFirst && measured.usageAtEnd
      ? measured.usageAtEnd.cpuSeconds - measured.usageAtFirst.cpuSeconds
      : 0;
  return {
    deliveriesPerSec: tenant.run.throughput(),
    cpuSecondsPer1000: delivered > 0 ? round2((cpu / delivered) * 1000) : 0,
    peakRssMiB: measured.usageAtEnd?.peakRssMiB ?? 0,
    ledger: tenant.ledger(events),
  };
}

const round2 = (value: number) => Math.round(value * 100) / 100;
