import type { HealthIndicator } from '@leadhooks/http';
import { fetchJson } from '../proxy/fetch-json';
import type { Upstream } from '../proxy/routes';

// Below libs/http's own 2.5 s bound per check, so our message names the upstream.
const readyTimeoutMs = 2_000;

/**
 * One indicator per upstream, each asking the service's own `/health/ready`. All are
 * critical: a gateway in front of a service that cannot serve is not ready either.
 */
export function upstreamIndicators(upstreams: readonly Upstream[]): HealthIndicator[] {
  return upstreams.map((upstream) => ({
    name: upstream.name,
    critical: true,
    check: async () => {
      await fetchJson(new URL('/health/ready', upstream.url), readyTimeoutMs);
    },
  }));
}
