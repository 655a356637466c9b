import { METRICS_REGISTRY, routePattern, type RouteOf, unmatchedRoute } from '@leadhooks/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import type { UpstreamFailure } from '../proxy/proxy.handler';
import { parseRequestTarget } from '../proxy/request-target';
import { ownerOf, type UpstreamName } from '../proxy/routes';

/** How `leadhooks_gateway_upstream_errors_total` names a failure. */
const kindOf: Record<UpstreamFailure, string> = {
  refused: 'unreachable',
  timeout: 'timeout',
  // The connection broke after it was made (reset mid-answer, a malformed response).
  broken: 'broken',
};

/**
 * A proxied request has no Express route: it is labelled by the owned prefix
 * (`/v1/leads`, or `/v1/leads/*` below it), which has as few values as the gateway has
 * routes. The gateway's own routes (health, docs, metrics) keep their pattern.
 */
export const gatewayRoute: RouteOf = (request) => {
  const target = parseRequestTarget(request.url ?? '');
  // A refused target names no route; its raw text must not become a label value.
  if (!target.ok) return unmatchedRoute;
  const { path } = target;
  if (ownerOf(path) === undefined) return routePattern(request);
  const [, version, resource, ...rest] = path.split('/');
  return `/${version}/${resource}${rest.length > 0 ? '/*' : ''}`;
};

@Injectable()
export class GatewayMetrics {
  private readonly upstreamErrors: Counter<'service' | 'kind'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.upstreamErrors = new Counter({
      name: 'leadhooks_gateway_upstream_errors_total',
      help: 'Proxied requests a service did not answer: unreachable (502), timeout (504), broken',
      labelNames: ['service', 'kind'],
      registers: [registry],
    });
  }

  upstreamFailed(service: UpstreamName, failure: UpstreamFailure): void {
    this.upstreamErrors.inc({ service, kind: kindOf[failure] });
  }
}
