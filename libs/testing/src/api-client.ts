export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  /** Wall time from sending the request to having the whole body, ms. */
  elapsedMs: number;
}

export interface RequestOptions {
  /** Query parameters, appended (so a repeated name can be sent by listing it in `path`). */
  query?: Record<string, string>;
  /** JSON-encoded unless `raw` is given. */
  json?: unknown;
  /** Sent as is (for malformed, compressed, non-UTF-8 or oversized bodies). */
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Asserts the status, with the body in the failure message; returns the result for chaining. */
export function expectStatus(result: HttpResult, status: number): HttpResult {
  if (result.status !== status) {
    throw new Error(
      `expected HTTP ${status}, got ${result.status}: ${JSON.stringify(result.body)}`,
    );
  }
  return result;
}

/** fetch with an API key, a JSON body and a parsed answer; every call bounded by a timeout. */
export function apiClient(
  baseUrl: string,
  apiKey?: string,
  via: 'bearer' | 'x-api-key' = 'bearer',
) {
  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<HttpResult> => {
    const headers: Record<string, string> = { ...options.headers };
    if (apiKey !== undefined && via === 'bearer') headers.authorization ??= `Bearer ${apiKey}`;
    if (apiKey !== undefined && via === 'x-api-key') headers['x-api-key'] ??= apiKey;
    let body: string | Uint8Array | undefined;
    if (options.raw !== undefined || options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = options.raw ?? JSON.stringify(options.json);
    }
    const url = new URL(`${baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.query ?? {}))
      url.searchParams.append(name, value);
    const started = Date.now();
    const response = await fetch(url, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
      elapsedMs: Date.now() - started,
    };
  };
  return {
    request,
    get: (path: string, options?: RequestOptions) => request('GET', path, options),
    post: (path: string, json: unknown, options?: RequestOptions) =>
      request('POST', path, { json, ...options }),
    patch: (path: string, json: unknown, options?: RequestOptions) =>
      request('PATCH', path, { json, ...options }),
    delete: (path: string, options?: RequestOptions) => request('DELETE', path, options),
  };
}
export type ApiClient = ReturnType<typeof apiClient>;
