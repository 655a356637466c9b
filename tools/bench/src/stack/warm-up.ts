import { benchLead, benchSaveLead } from '../load/bench-events';
import { LeadsApi } from '../load/leads-api';
import { settle } from '../load/settle';
import type { BenchStack } from './bench-stack';

const events = 50;

/**
 * Readiness says the apps answer HTTP, not that their consumer groups have partitions
 * (a join takes seconds) or that their code is compiled hot. The first run measured on a
 * fresh stack paid for both (a 100 leads/s step showed 12 s latency, flat), so every
 * stack first carries a few deliveries through every path it will be measured on.
 */
export async function warmUp(stack: BenchStack, progress: (line: string) => void): Promise<void> {
  const tenant = await stack.tenant('warm-up');
  await tenant.addWebhook('hook');
  let expected = events;
  await stack.publish(
    Array.from({ length: events }, (_, i) => benchSaveLead(tenant.accountId, `warm-${i}`, null)),
  );
  if (stack.leads) {
    const api = new LeadsApi(stack.leads.baseUrl, tenant.apiKey);
    const statuses = await Promise.all(
      Array.from({ length: events }, (_, i) => api.create(benchLead(`warm-api-${i}`, null))),
    );
    api.close();
    expected += statuses.filter((status) => status === 201).length;
  }
  const done = await settle({
    tenant,
    expected,
    stallMs: 60_000,
    progress: (n) => progress(`warm-up: ${n}/${expected} delivered`),
  });
  if (!done.settled) throw new Error(`warm-up: only ${tenant.settled()} of ${expected} delivered`);
}
