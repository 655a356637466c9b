import type { NextFunction, Request, Response } from 'express';
import { UnsupportedMediaTypeException } from './api-exceptions';

const withBody = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Refuses a body that is not JSON with 415 instead of letting it through unparsed (where
 * it would look like an empty body and earn a confusing "email is required").
 */
export function requireJsonBodyMiddleware(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0;
  if (withBody.has(request.method) && hasBody && request.is('application/json') === false) {
    next(new UnsupportedMediaTypeException());
    return;
  }
  next();
}
