import {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';

/**
 * The axios adapter of the outbound client: one `http(s).request` on the configured
 * agent, the response handed back as a stream. axios's own node adapter costs about twice
 * node's request per send (its profile: proxy, redirect and decompression plumbing, data
 * conversions, header objects), and a webhook send needs none of it: never a proxy, never
 * a redirect, bytes out as given, at most a few KiB read back. Requests still go through
 * axios (config merging, interceptors, errors as AxiosError); see decision 051.
 *
 * What it does not do, on purpose: follow redirects, use a proxy, ask for or decode a
 * compressed answer (the snippet we keep is the bytes as sent).
 */
export const nodeRequestAdapter: AxiosAdapter = (config) =>
  new Promise((resolve, reject) => {
    const url = new URL(config.url ?? '');
    const isHttps = url.protocol === 'https:';
    const headers = AxiosHeaders.from(config.headers).toJSON(true) as Record<string, string>;
    const body = requestBody(config);
    if (body !== undefined) headers['content-length'] = String(body.length);
    const options: https.RequestOptions = {
      method: (config.method ?? 'get').toUpperCase(),
      agent: isHttps ? config.httpsAgent : config.httpAgent,
      headers,
    };
    let response: http.IncomingMessage | undefined;
    const request = (isHttps ? https : http).request(url, options, (incoming) => {
      response = incoming;
      incoming.once('close', () => clearTimeout(deadline));
      const answer: AxiosResponse = {
        data: incoming,
        status: incoming.statusCode ?? 0,
        statusText: incoming.statusMessage ?? '',
        headers: new AxiosHeaders(incoming.headers as Record<string, string>),
        config,
        request,
      };
      if (config.validateStatus?.(answer.status) ?? true) return resolve(answer);
      incoming.resume();
      reject(
        new AxiosError(
          `Request failed with status code ${answer.status}`,
          answer.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
          config,
          request,
          answer,
        ),
      );
    });
    // `timeout` is the whole exchange, the body the caller reads included: once it passes,
    // the request (or the response being read) is destroyed with ETIMEDOUT. A timer, not
    // an AbortSignal: a signal on the request cost 60 µs of CPU per send (decision 051).
    const deadline = config.timeout
      ? setTimeout(() => {
          const error = new AxiosError(
            `no response within ${config.timeout} ms`,
            AxiosError.ETIMEDOUT,
            config,
            request,
          );
          (response ?? request).destroy(error);
        }, config.timeout)
      : undefined;
    // The transport's own error stays reachable as `cause` (errors are classified by it).
    request.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      reject(
        error instanceof AxiosError ? error : AxiosError.from(error, error.code, config, request),
      );
    });
    request.end(body);
  });

/** True for the error of a request `nodeRequestAdapter` cut at its `timeout`. */
export function isDeadlineError(error: unknown): boolean {
  return error instanceof AxiosError && error.code === AxiosError.ETIMEDOUT;
}

function requestBody(config: InternalAxiosRequestConfig): Buffer | undefined {
  const { data } = config;
  if (data === undefined || data === null) return undefined;
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  throw new AxiosError('request body must be a string or a Buffer', 'ERR_BAD_OPTION', config);
}
