import { Axios, type AxiosResponse } from 'axios';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { isDeadlineError, nodeRequestAdapter } from './node-request.adapter';
import { classifyTransportError, type OutboundErrorKind } from './outbound.errors';
import { resolveOutboundPolicy, type OutboundPolicy } from './outbound.policy';
import { readCapped } from './response-body.read';
import { createSafeAgents } from './safe.agent';
import type { Resolver } from './safe.lookup';
import { validateWebhookUrl } from './webhook-url.validate';

export interface OutboundClientOptions {
  policy?: Partial<OutboundPolicy>;
  /** DNS + TCP connect + TLS handshake of a new connection. Default 5 s. */
  connectTimeoutMs?: number;
  /** The whole exchange, from the first byte out to the last byte read. Default 15 s. */
  totalTimeoutMs?: number;
  /** How much of a response body is read; the rest is never downloaded. Default 4 KiB. */
  maxResponseBytes?: number;
  /** Pooled keep-alive connections per host. Default 16. */
  maxSocketsPerHost?: number;
  userAgent?: string;
  /** Trusted CA certificates (PEM) instead of the system roots: for test receivers. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** How hostnames are resolved; every answer is still checked. Default: the system's. */
  resolve?: Resolver;
}

export type OutboundMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface OutboundRequest {
  method: OutboundMethod;
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent byte for byte (a signature covers these exact bytes). */
  body?: string | Buffer;
}

export type OutboundOutcome =
  | {
      kind: 'response';
      status: number;
      /** Lower-case names; repeated headers joined with ", ". */
      headers: Record<string, string>;
      /** The first `maxResponseBytes` of the body as UTF-8. */
      bodySnippet: string;
      truncated: boolean;
      durationMs: number;
    }
  | { kind: 'error'; error: OutboundErrorKind; message: string; durationMs: number };

export interface OutboundClient {
  /** Never rejects for anything the remote side does: failures are `kind: 'error'`. */
  send(request: OutboundRequest): Promise<OutboundOutcome>;
  /** Closes pooled connections. */
  close(): void;
}

export const outboundDefaults = {
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 15_000,
  maxResponseBytes: 4 * 1024,
  maxSocketsPerHost: 16,
  userAgent: 'leadhooks-webhooks/1.0',
} as const;

/** An HTTP client for hostile destinations: see the README for every rule it enforces. */
export function createOutboundClient(options: OutboundClientOptions = {}): OutboundClient {
  const settings = {
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs),
    totalTimeoutMs: positive('totalTimeoutMs', options.totalTimeoutMs),
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes),
    maxSocketsPerHost: positive('maxSocketsPerHost', options.maxSocketsPerHost),
  };
  const policy = resolveOutboundPolicy(options.policy);
  const agents = createSafeAgents({
    ...settings,
    policy,
    ca: options.ca,
    resolve: options.resolve,
  });
  // A bare Axios: the library's defaults (xhr/fetch adapters, JSON transforms, per-method
  // header groups) would be merged into every request and none of them applies here.
  const http = new Axios({
    // Never a proxy, never a redirect, bytes out as given (decision 051).
    adapter: nodeRequestAdapter,
    httpAgent: agents.http,
    httpsAgent: agents.https,
    // A 3xx is an answer to report; a 4xx or 5xx too.
    validateStatus: () => true,
    responseType: 'stream',
    // Identity: axios trims JSON-looking string bodies otherwise, breaking signatures.
    transformRequest: [(data: unknown) => data],
    transformResponse: [(data: unknown) => data],
    headers: { 'User-Agent': options.userAgent ?? outboundDefaults.userAgent },
  });
  return {
    send: (request) => send(http, request, policy, settings),
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

async function send(
  http: Axios,
  request: OutboundRequest,
  policy: OutboundPolicy,
  settings: { totalTimeoutMs: number; maxResponseBytes: number },
): Promise<OutboundOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  // Re-checked on every send: a URL stored under an older, looser policy must not pass.
  const checked = validateWebhookUrl(request.url, policy);
  if (!checked.ok) {
    const error = checked.code === 'refused-address' ? 'refused-address' : 'invalid-url';
    return { kind: 'error', error, message: checked.message, durationMs: elapsed() };
  }
  try {
    const response: AxiosResponse<Readable> = await http.request({
      method: request.method,
      url: checked.url.href,
      headers: { ...request.headers },
      data: typeof request.body === 'string' ? Buffer.from(request.body, 'utf8') : request.body,
      // The whole exchange, reading the body included: the adapter cuts it there.
      timeout: settings.totalTimeoutMs,
    });
    const body = await readCapped(response.data, settings.maxResponseBytes);
    return {
      kind: 'response',
      status: response.status,
      headers: flattenHeaders(response.headers),
      bodySnippet: body.bytes.toString('utf8'),
      truncated: body.truncated,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (isDeadlineError(error)) {
      const message = `no response within ${settings.totalTimeoutMs} ms`;
      return { kind: 'error', error: 'timeout', message, durationMs: elapsed() };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'error', error: classifyTransportError(error), message, durationMs: elapsed() };
  }
}

function flattenHeaders(headers: AxiosResponse['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

type NumericOption =
  | 'connectTimeoutMs'
  | 'totalTimeoutMs'
  | 'maxResponseBytes'
  | 'maxSocketsPerHost';

function positive(name: NumericOption, value: number | undefined): number {
  const resolved = value ?? outboundDefaults[name];
  if (!Number.isSafeInteger(resolved) || resolved <= 0) {
    throw new RangeError(`outbound client option ${name} must be a positive integer, got ${value}`);
  }
  return resolved;
}
