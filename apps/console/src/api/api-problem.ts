import type { ApiErrorBody } from './types';

/** Why a call to the API failed, in words a customer can act on. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** The sentence the console shows. */
  get sentence(): string {
    const field = this.field ? ` (${this.field})` : '';
    return `${this.message}${field}`;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

/** An API answer that is not 2xx as a problem; bodies that are not ours still get words. */
export function problemOf(status: number, body: unknown, retryAfter: string | null): ApiProblem {
  if (status === 401)
    return new ApiProblem(
      401,
      'unauthorized',
      'This API key is not accepted: it is wrong, or it was revoked.',
    );
  if (isErrorBody(body)) {
    const later = status === 503 && retryAfter ? ` Try again in ${retryAfter} s.` : '';
    return new ApiProblem(status, body.code, `${body.message}${later}`, body.field);
  }
  if (status >= 500)
    return new ApiProblem(status, 'unavailable', `The API failed (HTTP ${status}); try again.`);
  return new ApiProblem(status, 'unexpected', `The API answered HTTP ${status}.`);
}

/** The fetch itself failed: no answer at all. */
export function unreachable(): ApiProblem {
  return new ApiProblem(0, 'unreachable', 'The API could not be reached; check your connection.');
}

/** Words for anything thrown while calling the API. */
export function describe(error: unknown): string {
  if (error instanceof ApiProblem) return error.sentence;
  return error instanceof Error ? error.message : String(error);
}
