import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { components, paths } from './openapi';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The paths that have an operation for `M`. */
export type PathOf<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined | never ? never : P;
}[keyof paths];

export type OperationOf<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The 2xx body of an operation (undefined for a 204). */
export type SuccessBody<Op> = Op extends { responses: infer R }
  ? {
      [S in keyof R]: S extends 204
        ? undefined
        : S extends 200 | 201 | 202
          ? JsonContent<R[S]>
          : never;
    }[keyof R]
  : never;

type Parameters<Op> = Op extends { parameters: infer P } ? P : never;
type BodyOf<Op> = Op extends { requestBody: infer B } ? JsonContent<B> : never;
type Optional<K extends string, T> = [T] extends [never]
  ? unknown
  : undefined extends T
    ? { [key in K]?: T }
    : { [key in K]: T };

/** What a call takes: path and query parameters, a body, an idempotency key where it applies. */
export type RequestOptions<Op> = Optional<
  'path',
  Parameters<Op> extends { path: infer A } ? A : never
> &
  Optional<'query', Parameters<Op> extends { query?: infer Q } ? Q : never> &
  Optional<'body', BodyOf<Op>> & { headers?: Record<string, string> };

export type ApiErrorBody = components['schemas']['Error'];

/** A 4xx or 5xx answer, with the API's one error body (decision 039) when it sent one. */
export class LeadhooksApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`leadhooks answered ${status}: ${body?.message ?? 'no error body'}`);
    this.name = 'LeadhooksApiError';
  }
}

export interface ClientOptions {
  /** The gateway, e.g. http://127.0.0.1:3000 */
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
}

/** `/v1/webhooks/{id}` with `{ id }` filled in, each value URL-encoded. */
export function fillPath(template: string, values: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new TypeError(`path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}

/**
 * A typed client of the leadhooks API on axios: paths, parameters, bodies and answers are
 * the types openapi-typescript generated from the committed OpenAPI snapshot.
 */
export class LeadhooksClient {
  readonly http: AxiosInstance;

  constructor(options: ClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs ?? 10_000,
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
    });
  }

  async request<M extends Method, P extends PathOf<M>>(
    method: M,
    path: P,
    options: RequestOptions<OperationOf<P, M>>,
  ): Promise<SuccessBody<OperationOf<P, M>>> {
    const {
      path: pathValues,
      query,
      body,
      headers,
    } = options as {
      path?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
      headers?: Record<string, string>;
    };
    try {
      const answer = await this.http.request({
        method,
        url: fillPath(path, pathValues),
        params: query,
        data: body,
        headers,
      });
      return (answer.status === 204 ? undefined : answer.data) as SuccessBody<OperationOf<P, M>>;
    } catch (error) {
      throw asApiError(error);
    }
  }

  get<P extends PathOf<'get'>>(path: P, options: RequestOptions<OperationOf<P, 'get'>>) {
    return this.request('get', path, options);
  }
  post<P extends PathOf<'post'>>(path: P, options: RequestOptions<OperationOf<P, 'post'>>) {
    return this.request('post', path, options);
  }
  put<P extends PathOf<'put'>>(path: P, options: RequestOptions<OperationOf<P, 'put'>>) {
    return this.request('put', path, options);
  }
  patch<P extends PathOf<'patch'>>(path: P, options: RequestOptions<OperationOf<P, 'patch'>>) {
    return this.request('patch', path, options);
  }
  delete<P extends PathOf<'delete'>>(path: P, options: RequestOptions<OperationOf<P, 'delete'>>) {
    return this.request('delete', path, options);
  }
}

function asApiError(error: unknown): unknown {
  if (!(error instanceof AxiosError) || error.response === undefined) return error;
  const { status, data, headers } = error.response;
  const retryAfter = Number(headers['retry-after']);
  const body =
    typeof data === 'object' && data !== null && 'message' in data
      ? (data as ApiErrorBody)
      : undefined;
  return new LeadhooksApiError(status, body, Number.isFinite(retryAfter) ? retryAfter : undefined);
}
