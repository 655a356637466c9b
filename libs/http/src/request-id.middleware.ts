import { randomUUID } from 'node:crypto';
import { ApiHeaders } from '@leadhooks/contracts';
import type { NextFunction, Request, Response } from 'express';

// A caller's id is kept only when it is short and plain, since it ends up in logs and
// Kafka headers; anything else is replaced rather than trusted.
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;
const ids = new WeakMap<Request, string>();

/** Gives each request an id (the caller's `X-Request-Id` if sane) and echoes it back. */
export function requestIdMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const id = acceptRequestId(request.header(ApiHeaders.requestId));
  ids.set(request, id);
  response.setHeader(ApiHeaders.requestId, id);
  next();
}

/**
 * The caller's `X-Request-Id` when it is one sane value, else a fresh UUID. Exported so
 * the gateway, which proxies raw requests outside Nest, applies the very same rule.
 */
export function acceptRequestId(given: string | readonly string[] | undefined): string {
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}

/** The id given by requestIdMiddleware; undefined only if the middleware is not installed. */
export function requestIdOf(request: Request): string | undefined {
  return ids.get(request);
}
