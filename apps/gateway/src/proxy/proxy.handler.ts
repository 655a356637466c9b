import * as http from 'node:http';
import * as https from 'node:https';
import { pipeline } from 'node:stream';
import { ApiHeaders } from '@leadhooks/contracts';
import { type ApiErrorBody, serverKeepAliveTimeoutMs } from '@leadhooks/http';
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

/**
 * How long an idle keep-alive socket to a service is kept. A service closes one after
 * `serverKeepAliveTimeoutMs` (libs/http); we close ours well before, so the gateway never
 * sends a request on a socket the service is closing at that very moment (the reset that
 * answered 502 under load, issue 17). Node also lowers it to the service's
 * `Keep-Alive: timeout=` hint minus a second, should a service announce less.
 */
export const upstreamIdleSocketMs = Math.floor(serverKeepAliveTimeoutMs / 2);

const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: upstreamIdleSocketMs }),
  'https:': new https.Agent({ keepAlive: true, timeout: upstreamIdleSocketMs }),
};

// Sent again once when a reused socket turns out dead before any answer: a request of a
// safe method with no body cannot have done anything, and there is no body to replay.
const retryableMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const resetCodes = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Streams one request to `upstream` and its answer back, both bodies piped without
 * buffering. Scheme, host and port are the upstream's own; only `pathAndQuery` (an origin
 * form target already checked by parseRequestTarget) comes from the caller. Never hangs:
 * a refused connection answers 502, an upstream silent for `timeoutMs` answers 504 (or,
 * once the answer has begun, cuts the connection).
 */
export function proxyRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  upstream: Upstream,
  pathAndQuery: string,
  requestId: string,
  options: ProxyOptions,
): void {
  const isHttps = upstream.url.protocol === 'https:';
  const headers = forwardHeaders(request);
  headers[ApiHeaders.requestId] = requestId;
  headers['x-forwarded-for'] = [request.headers['x-forwarded-for'], request.socket.remoteAddress]
    .filter((part) => typeof part === 'string' && part.length > 0)
    .join(', ');
  headers['x-forwarded-host'] = request.headers.host ?? '';
  headers['x-forwarded-proto'] = 'encrypted' in request.socket ? 'https' : 'http';
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
  const mayRetry = !hasBody && retryableMethods.has(request.method ?? '');

  let failed = false;
  let outgoing: http.ClientRequest;
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

  const send = (attempt: number): void => {
    // Never `new URL(request.url, upstream.url)`: a target like `//host/…` or
    // `http://host/…` would replace the upstream's host with the caller's.
    outgoing = (isHttps ? https : http).request({
      protocol: upstream.url.protocol,
      hostname: upstream.url.hostname,
      port: upstream.url.port,
      path: pathAndQuery,
      method: request.method,
      headers,
      agent: isHttps ? agents['https:'] : agents['http:'],
      timeout: options.timeoutMs,
    });
    const current = outgoing;
    // Socket inactivity in either phase (before headers, or mid-body) counts as a timeout.
    current.on('timeout', () => fail('timeout'));
    current.on('error', (error: NodeJS.ErrnoException) => {
      if (
        attempt === 1 &&
        mayRetry &&
        current.reusedSocket &&
        !failed &&
        !response.headersSent &&
        resetCodes.has(error.code ?? '')
      ) {
        options.logger.info(
          { requestId, upstream: upstream.name, error: error.message },
          'reused upstream socket was closed; sending again',
        );
        send(2);
        return;
      }
      fail(
        error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' ? 'refused' : 'broken',
        error,
      );
    });
    current.on('response', (answer) => {
      response.writeHead(
        answer.statusCode ?? 502,
        withRequestId(forwardHeaders(answer), requestId),
      );
      pipeline(answer, response, (error) => {
        if (error && !failed) fail('broken', error);
      });
    });
    if (mayRetry) {
      current.end();
      return;
    }
    pipeline(request, current, (error) => {
      if (error && !failed && !response.writableFinished && request.destroyed) current.destroy();
    });
  };

  // A caller who hangs up takes the upstream request down with it.
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  // A bodyless request is not piped: its (empty) stream is drained so it can end.
  if (mayRetry) request.resume();
  send(1);
}

function withRequestId(
  headers: http.OutgoingHttpHeaders,
  requestId: string,
): http.OutgoingHttpHeaders {
  // The service echoes the id it was given; set it anyway in case one does not.
  return { ...headers, [ApiHeaders.requestId]: headers[ApiHeaders.requestId] ?? requestId };
}
