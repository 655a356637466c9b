import * as http from 'node:http';
import * as https from 'node:https';
import { pipeline } from 'node:stream';
import { ApiHeaders } from '@leadhooks/contracts';
import type { ApiErrorBody } from '@leadhooks/http';
import type { Logger } from 'pino';
import { forwardHeaders } from './forward-headers';
import type { Upstream, UpstreamName } from './routes';

export interface ProxyOptions {
  /** Bound on the wait for response headers, and on any silence while bodies stream. */
  timeoutMs: number;
  logger: Logger;
  /** Told of every request an upstream failed (metrics). */
  onUpstreamFailure?(upstream: UpstreamName, failure: UpstreamFailure): void;
}

/** Why an upstream could not answer; each maps to one status. */
export type UpstreamFailure = 'refused' | 'timeout' | 'broken';
const failureStatus: Record<UpstreamFailure, { statusCode: number; code: string }> = {
  refused: { statusCode: 502, code: 'upstream_unavailable' },
  broken: { statusCode: 502, code: 'upstream_failed' },
  timeout: { statusCode: 504, code: 'upstream_timeout' },
};

// The caller's own request keeps keep-alive sockets to each upstream; one agent per scheme.
const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

/**
 * Streams one request to `upstream` and its answer back, both bodies piped without
 * buffering. Never hangs: a refused connection answers 502, an upstream silent for
 * `timeoutMs` answers 504 (or, once the answer has begun, cuts the connection).
 */
export function proxyRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  upstream: Upstream,
  requestId: string,
  options: ProxyOptions,
): void {
  const target = new URL(request.url ?? '/', upstream.url);
  const isHttps = target.protocol === 'https:';
  const headers = forwardHeaders(request.headers);
  headers[ApiHeaders.requestId] = requestId;
  headers['x-forwarded-for'] = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
    .filter((part) => typeof part === 'string' && part.length > 0)
    .join(', ');
  headers['x-forwarded-host'] = request.headers.host ?? '';
  headers['x-forwarded-proto'] = 'encrypted' in request.socket ? 'https' : 'http';

  const outgoing = (isHttps ? https : http).request(target, {
    method: request.method,
    headers,
    agent: isHttps ? agents['https:'] : agents['http:'],
    timeout: options.timeoutMs,
  });
  let failed = false;
  const fail = (failure: UpstreamFailure, error?: Error): void => {
    if (failed) return;
    failed = true;
    options.onUpstreamFailure?.(upstream.name, failure);
    options.logger.warn(
      { requestId, upstream: upstream.name, failure, error: error?.message },
      'upstream request failed',
    );
    outgoing.destroy();
    if (response.headersSent) {
      // Part of the answer is out: the only honest signal left is a cut connection.
      response.destroy();
      return;
    }
    const { statusCode, code } = failureStatus[failure];
    const body: ApiErrorBody = {
      statusCode,
      code,
      message:
        failure === 'timeout'
          ? `${upstream.name} did not answer within ${options.timeoutMs} ms`
          : `${upstream.name} is unavailable`,
    };
    response.writeHead(statusCode, {
      'content-type': 'application/json; charset=utf-8',
      [ApiHeaders.requestId]: requestId,
    });
    response.end(JSON.stringify(body));
  };

  // Socket inactivity in either phase (before headers, or mid-body) counts as a timeout.
  outgoing.on('timeout', () => fail('timeout'));
  outgoing.on('error', (error: NodeJS.ErrnoException) =>
    fail(error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' ? 'refused' : 'broken', error),
  );
  outgoing.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, withRequestId(responseHeaders(answer), requestId));
    pipeline(answer, response, (error) => {
      if (error && !failed) fail('broken', error);
    });
  });
  // A caller who hangs up takes the upstream request down with it.
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  pipeline(request, outgoing, (error) => {
    if (error && !failed && !response.writableFinished && request.destroyed) outgoing.destroy();
  });
}

function responseHeaders(answer: http.IncomingMessage): http.OutgoingHttpHeaders {
  return forwardHeaders(answer.headers);
}

function withRequestId(
  headers: http.OutgoingHttpHeaders,
  requestId: string,
): http.OutgoingHttpHeaders {
  // The service echoes the id it was given; set it anyway in case one does not.
  return { ...headers, [ApiHeaders.requestId]: headers[ApiHeaders.requestId] ?? requestId };
}
