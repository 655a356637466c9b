import type { NextFunction, Request, Response } from 'express';
import { ValidationFailedException } from './api-exceptions';

/**
 * Refuses a query string whose percent-encoding is not UTF-8 (`?email=%FF`, an encoded
 * lone surrogate `%ED%A0%80`). Node's querystring, which Express uses, quietly turns such
 * bytes into U+FFFD, so the value a handler stored would not be the one sent. The 400
 * names the parameter.
 */
export function refuseUndecodableQuery(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  const search = request.originalUrl.indexOf('?');
  if (search === -1) return next();
  for (const pair of request.originalUrl.slice(search + 1).split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = decode(rawName);
    if (name === undefined || decode(rawValue) === undefined) {
      const field = name ?? rawName;
      return next(
        new ValidationFailedException(`${field} is not valid UTF-8 once percent-decoded`, field),
      );
    }
  }
  next();
}

function decode(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}
