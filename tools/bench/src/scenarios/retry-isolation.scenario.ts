import { benchSaveLead } from '../load/bench-events';
import { openLoop } from '../load/open-loop';
import type { Behaviour, ReceiverRun } from '../load/receiver-run';
import type { RetryIsolationResult } from '../report/bench-report';
import type { BenchContext } from '../stack/bench-context';
import { BenchStack } from '../stack/bench-stack';
import { warmUp } from '../stack/warm-up';
import { summarizeLatencies } from '../stats/latency.summary';
import { tenEndpoints } from './comparison';

/** Every retry is due this long after its failed attempt (no jitter, so due times are known). */
const retryDelayMs = 2_000;
/** How long the hanging endpoint holds each retry: longer than the whole run's retries take. */
const hangTimeoutMs = 20_000;
const later = 'e0';
const hanging = 'e1';

/**
 * Dispatcher settings of this stack: fixed 2 s retries, a `Retry-After` of 5 minutes
 * honoured, and a 20 s timeout for the hanging endpoint. Every endpoint here is one
 * receiver (one host and port), and connections are pooled per host: with the default 16
 * the hanging endpoint's requests took every socket and the healthy endpoints waited for
 * its timeouts (a first run: p50 24 s late). In production a hanging endpoint holds only
 * its own host's pool; the maximum pool models that.
 */
export const retryIsolationEnv = {
  WEBHOOK_MAX_SOCKETS_PER_HOST: '256',
  WEBHOOK_TIMEOUT_MS: String(hangTimeoutMs),
  WEBHOOK_RETRY_DELAYS: '2s,2s,2s',
  WEBHOOK_RETRY_JITTER_RATIO: '0',
  WEBHOOK_RETRY_AFTER_MAX: '10m',
  DISPATCHER_RETRY_POLL_MS: '100',
};

/**
 * Issue 16's hostile customer: one endpoint answers every attempt 503 with
 * `Retry-After: 300`, another fails its first attempt and hangs on every retry; the other
 * eight fail once and then succeed. Their retries share every retry partition.
 */
export const hostileRetries: Behaviour = (endpoint, _id, attempt) => {
  if (endpoint === later) return 'later';
  if (endpoint === hanging) return attempt === 1 ? 'fail' : 'hang';
  return attempt === 1 ? 'fail' : 'ok';
};

const healthy = (endpoint: string) => endpoint !== later && endpoint !== hanging;

/** The baseline: every endpoint fails its first attempt, then succeeds. */
const failOnce: Behaviour = (_endpoint, _id, attempt) => (attempt === 1 ? 'fail' : 'ok');

/**
 * Healthy endpoints' retry lateness: when each first retry arrived, minus when it was due
 * (its first attempt's arrival plus the delay; the attempt ended a little later, so
 * lateness is if anything overstated). First with every endpoint failing once (the
 * baseline: what the machine's load alone costs), then with the hostile two.
 */
export async function runRetryIsolation(
  ctx: BenchContext,
  load: { ratePerSec: number; durationSec: number },
): Promise<RetryIsolationResult> {
  const stack = await BenchStack.start(ctx, {
    name: 'retry-isolation',
    dispatcherEnv: retryIsolationEnv,
  });
  try {
    await warmUp(stack, ctx.progress);
    const baseline = await latenessRun(ctx, stack, load, 'baseline', failOnce);
    const disturbed = await latenessRun(ctx, stack, load, 'disturbed', hostileRetries);
    return {
      ratePerSec: load.ratePerSec,
      retryDelayMs,
      hangTimeoutMs,
      baselineLateness: summarizeLatencies(baseline.lateness),
      lateness: summarizeLatencies(disturbed.lateness),
      notRetried: disturbed.notRetried,
    };
  } finally {
    await stack.stop();
  }
}

async function latenessRun(
  ctx: BenchContext,
  stack: BenchStack,
  load: { ratePerSec: number; durationSec: number },
  side: 'baseline' | 'disturbed',
  behaviour: Behaviour,
): Promise<{ lateness: number[]; notRetried: number }> {
  const tenant = await stack.tenant(`retry-isolation-${side}`, behaviour);
  for (const endpoint of tenEndpoints) await tenant.addWebhook(endpoint);
  ctx.progress(
    `retry-isolation (${side}): ${load.ratePerSec} events/s x 10 endpoints for ${load.durationSec} s`,
  );
  await openLoop({
    ...load,
    fire: (batch) =>
      stack.publish(
        batch.map(({ seq, dueAt }) =>
          benchSaveLead(tenant.accountId, `${tenant.run.id}-${seq}`, dueAt),
        ),
      ),
  });
  await untilRetried(tenant.run, ctx.progress);
  const lateness = latenessOf(tenant.run);
  const expected = tenant.run.firstArrivals.filter((a) => healthy(a.endpoint)).length;
  return { lateness, notRetried: expected - lateness.length };
}

/** Healthy first attempts whose retry has arrived, as lateness in ms. */
function latenessOf(run: ReceiverRun): number[] {
  const late: number[] = [];
  for (const first of run.firstArrivals) {
    const retriedAt = run.firstRetryAt.get(first.webhookId);
    if (healthy(first.endpoint) && retriedAt !== undefined) {
      late.push(retriedAt - (first.arrivedAt + retryDelayMs));
    }
  }
  return late;
}

/**
 * Waits until every healthy first attempt has its retry, or nothing moved for 30 s;
 * reports progress every 5 s.
 */
async function untilRetried(run: ReceiverRun, progress: (line: string) => void): Promise<void> {
  let last = -1;
  let movedAt = Date.now();
  let reportedAt = 0;
  for (;;) {
    const expected = run.firstArrivals.filter((a) => healthy(a.endpoint)).length;
    const retried = latenessOf(run).length;
    if (retried >= expected) return;
    if (retried !== last) {
      last = retried;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > 30_000) return;
    if (Date.now() - reportedAt >= 5_000) {
      reportedAt = Date.now();
      progress(`retry-isolation: ${retried}/${expected} healthy retries arrived`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
