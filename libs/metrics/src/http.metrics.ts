import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';

/** The route label of a request that no route took (404s, probes for random paths). */
export const unmatchedRoute = 'unmatched';

type Labels = 'method' | 'route' | 'status';

/** What a request is labelled with: its route pattern, never the raw URL (unbounded). */
export type RouteOf = (request: IncomingMessage) => string;

/**
 * The pattern Express matched (`/v1/leads/:id`), known once routing ran: read it when
 * the response ends. Requests answered before routing (a refused body, a 404) have none.
 */
export const routePattern: RouteOf = (request) => {
  const { route, baseUrl } = request as IncomingMessage & {
    route?: { path?: unknown };
    baseUrl?: string;
  };
  return typeof route?.path === 'string' ? `${baseUrl ?? ''}${route.path}` : unmatchedRoute;
};

/** Request counts and latencies by method, route pattern and status. */
export class HttpMetrics {
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'leadhooks_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'leadhooks_http_request_duration_seconds',
      help: 'Time from a request arriving to its response ending, in seconds',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  record(request: { method: string; route: string; status: number }, seconds: number): void {
    const labels = { method: request.method, route: request.route, status: String(request.status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}

/**
 * Measures every request it sees, so install it first: a request refused by a later
 * middleware (a body too large, a wrong content type) counts too. `close` rather than
 * `finish`: a request whose caller hung up is still a request served.
 */
export function httpMetricsMiddleware(metrics: HttpMetrics, routeOf: RouteOf = routePattern) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    response.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.record(
        {
          method: request.method ?? 'UNKNOWN',
          route: routeOf(request),
          status: response.statusCode,
        },
        seconds,
      );
    });
    next();
  };
}
