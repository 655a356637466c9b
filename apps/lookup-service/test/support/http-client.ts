export interface HttpResult {
  status: number;
  headers: Headers;
  body: unknown;
  /** Wall time from sending the request to having the whole body, ms. */
  elapsedMs: number;
}

/** GET (and POST, for leads-service) with an API key and a parsed JSON answer, bounded by a timeout. */
export function apiClient(baseUrl: string, apiKey?: string) {
  const auth: Record<string, string> =
    apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` };
  return {
    async post(path: string, json: unknown): Promise<HttpResult> {
      const started = Date.now();
      const response = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(json),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : JSON.parse(text),
        elapsedMs: Date.now() - started,
      };
    },
    async get(
      path: string,
      query: Record<string, string> = {},
      headers: Record<string, string> = {},
    ): Promise<HttpResult> {
      const url = new URL(path, baseUrl);
      for (const [name, value] of Object.entries(query)) url.searchParams.append(name, value);
      const started = Date.now();
      const response = await fetch(url, {
        headers: { ...auth, ...headers },
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? undefined : JSON.parse(text),
        elapsedMs: Date.now() - started,
      };
    },
  };
}
export type ApiClient = ReturnType<typeof apiClient>;
