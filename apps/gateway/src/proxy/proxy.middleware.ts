import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiHeaders } from '@leadhooks/contracts';
import { acceptRequestId } from '@leadhooks/http';
import { proxyRequest, type ProxyOptions } from './proxy.handler';
import { refuseTarget } from './refusals';
import { parseRequestTarget } from './request-target';
import { ownerOf, type Upstream } from './routes';

/**
 * Express-level middleware ahead of Nest's router. Every request's target is checked
 * first: one that is not a plain path (an absolute URL, `//host`, a backslash, a dot
 * segment…) is answered 400 here, before any upstream is chosen or connected to. A
 * request owned by a service is then streamed there and never reaches Nest (no body
 * parser runs on it); anything else (health, docs, unknown paths) goes on to Nest with
 * its request id set.
 */
export function proxyMiddleware(upstreams: readonly Upstream[], options: ProxyOptions) {
  const byName = new Map(upstreams.map((upstream) => [upstream.name, upstream]));
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    // The services keep this id: the same rule as theirs, so they never replace it.
    const requestId = acceptRequestId(request.headers[ApiHeaders.requestId]);
    const target = parseRequestTarget(request.url ?? '');
    if (!target.ok) {
      refuseTarget(request, response, requestId, target.reason, options.logger);
      return;
    }
    const { path } = target;
    const owner = ownerOf(path);
    const upstream = owner ? byName.get(owner) : undefined;
    if (!upstream) {
      response.setHeader(ApiHeaders.requestId, requestId);
      next();
      return;
    }
    const started = process.hrtime.bigint();
    response.once('close', () => {
      // Path only: query strings carry e-mail addresses (PII).
      options.logger[response.statusCode >= 500 ? 'error' : 'info'](
        {
          requestId,
          method: request.method,
          path,
          upstream: upstream.name,
          status: response.statusCode,
          completed: response.writableFinished,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10,
        },
        'request',
      );
    });
    proxyRequest(request, response, upstream, `${path}${target.query}`, requestId, options);
  };
}
