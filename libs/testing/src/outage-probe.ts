import { randomBytes } from 'node:crypto';
import { apiClient, type ApiClient, type HttpResult } from './api-client';
import type { PrivatePostgres } from './private-postgres';

export interface ProbeResult {
  /** Which probe answered (its index in the list given). */
  probe: number;
  status: number;
  retryAfter: string | null;
  body: unknown;
}

/**
 * Light load while something happens: each probe is called in turn, one at a time,
 * `pauseMs` apart, until `during` settles; every answer is kept. A probe that throws
 * (no answer at all) is recorded as status 0, so a spec sees it instead of failing early.
 */
export async function probeWhile(
  probes: readonly (() => Promise<HttpResult>)[],
  during: Promise<unknown>,
  pauseMs = 100,
): Promise<ProbeResult[]> {
  let done = false;
  const finished = during.finally(() => {
    done = true;
  });
  const results: ProbeResult[] = [];
  let next = 0;
  while (!done) {
    const probe = next % probes.length;
    next += 1;
    try {
      const result = await probes[probe]();
      results.push({
        probe,
        status: result.status,
        retryAfter: result.headers.get('retry-after'),
        body: result.body,
      });
    } catch {
      results.push({ probe, status: 0, retryAfter: null, body: undefined });
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  await finished;
  return results;
}

/**
 * A client with a well-formed API key that no account has: no cache holds it (hit or
 * miss), so authenticating it needs Postgres, which an outage spec wants to see refused.
 */
export function unknownKeyClient(baseUrl: string): ApiClient {
  return apiClient(baseUrl, `lh_${randomBytes(6).toString('hex')}_${'A'.repeat(43)}`);
}

/**
 * Stops `postgres`, then keeps probing (see `probeWhile`) for `outageMs` while it is down,
 * then starts it again: the answers given meanwhile. Probing starts once the server is
 * stopped, so every answer was given without it (one given before could rightly be a
 * 401 or a 404 that Postgres decided).
 */
export async function probeThroughOutage(
  postgres: PrivatePostgres,
  outageMs: number,
  probes: readonly (() => Promise<HttpResult>)[],
): Promise<ProbeResult[]> {
  await postgres.stop();
  const during = await probeWhile(probes, new Promise((resolve) => setTimeout(resolve, outageMs)));
  await postgres.restart();
  return during;
}

/**
 * What is wrong with answers given during an outage, one line each (empty: nothing): no
 * answer, a 5xx other than 503, a 503 without a numeric Retry-After or not in the one
 * error shape, or an answer outside 2xx/503 (an outage is not the client's fault).
 */
export function outageProblems(results: readonly ProbeResult[]): string[] {
  const problems: string[] = [];
  for (const [index, result] of results.entries()) {
    const where = `answer ${index} (probe ${result.probe})`;
    if (result.status === 503) {
      if (!/^\d+$/.test(result.retryAfter ?? ''))
        problems.push(`${where}: 503 without Retry-After`);
      const body = result.body as Record<string, unknown> | undefined;
      const keys = Object.keys(body ?? {})
        .sort()
        .join(',');
      if (body?.code !== 'service_unavailable' || keys !== 'code,message,statusCode')
        problems.push(`${where}: 503 with body ${JSON.stringify(body)}`);
    } else if (result.status < 200 || result.status > 299) {
      problems.push(`${where}: ${result.status} ${JSON.stringify(result.body)}`);
    }
  }
  return problems;
}
