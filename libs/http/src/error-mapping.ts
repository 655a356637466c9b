import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { codeForStatus, ErrorCodes, type ApiErrorBody } from './api-error';
import { ApiException } from './api-exceptions';
import { invalidUtf8Type } from './utf8-body';
import { describeIssue, issueField } from './zod-issues';

/** What body-parser undoes; anything else is a 415 (the order of its own list). */
const supportedContentEncodings = 'gzip, deflate, br';

/**
 * Errors raised by body-parser (through http-errors) before any handler runs. Their
 * `type` is documented and stable, unlike their messages, so that is what we branch on.
 * One kind has no `type`: an error of the decompression stream (a gzip, deflate or br
 * body that does not decompress), passed on with only a status.
 */
interface BodyParserError {
  status: number;
  type?: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<BodyParserError>;
  return typeof candidate.status === 'number' && typeof candidate.type === 'string';
}

/** Any error carrying an HTTP status, as http-errors makes them; only body-parser's reach us so. */
function hasHttpStatus(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as Partial<BodyParserError>).status;
  return typeof status === 'number' && status >= 400 && status <= 599;
}

function fromBodyParser(error: BodyParserError): ApiErrorBody {
  switch (error.type) {
    case 'entity.too.large':
      return {
        statusCode: 413,
        code: ErrorCodes.payloadTooLarge,
        message:
          error.limit === undefined
            ? 'Request body is too large'
            : `Request body is larger than the limit of ${error.limit} bytes`,
      };
    case 'entity.parse.failed':
      return {
        statusCode: 400,
        code: ErrorCodes.malformedJson,
        message: 'Request body is not valid JSON',
      };
    case invalidUtf8Type:
      return {
        statusCode: 400,
        code: ErrorCodes.malformedJson,
        message: 'Request body is not valid UTF-8',
      };
    case 'encoding.unsupported':
      return {
        statusCode: 415,
        code: ErrorCodes.unsupportedMediaType,
        message: `Content-Encoding must be one of ${supportedContentEncodings}, or none`,
      };
    case 'charset.unsupported':
      return {
        statusCode: 415,
        code: ErrorCodes.unsupportedMediaType,
        message: 'Request body must be JSON in UTF-8',
      };
    case undefined:
      // Only the decompression stream fails without a type (body-parser's read.js).
      return {
        statusCode: 400,
        code: ErrorCodes.malformedJson,
        message: `Request body does not decompress as its Content-Encoding (${supportedContentEncodings}) says`,
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return {
        statusCode: 400,
        code: ErrorCodes.validationFailed,
        message: 'Request body was incomplete',
      };
    default:
      return error.status >= 400 && error.status < 500
        ? {
            statusCode: error.status,
            code: codeForStatus(error.status),
            message: 'Request body could not be read',
          }
        : internalError();
  }
}

function fromHttpException(exception: HttpException): ApiErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let message = exception.message;
  if (typeof response === 'string') message = response;
  else if (typeof response === 'object' && response !== null && 'message' in response) {
    const inner = (response as { message: unknown }).message;
    if (typeof inner === 'string') message = inner;
    else if (Array.isArray(inner) && typeof inner[0] === 'string') message = inner[0];
  }
  // Never pass on the text of a 5xx: it is ours, not the client's business.
  if (status >= 500) return { ...internalError(), statusCode: status, code: codeForStatus(status) };
  return { statusCode: status, code: codeForStatus(status), message };
}

function internalError(): ApiErrorBody {
  return { statusCode: 500, code: ErrorCodes.internal, message: 'Internal server error' };
}

/**
 * Tells whether an error means a dependency (Postgres, Kafka) cannot be reached, and
 * names it; undefined for any other error. libs/persistence gives one for Postgres.
 */
export type DependencyOutageCheck = (error: unknown) => string | undefined;

/**
 * Turns anything a request can throw into the one error body. Pure, for the filter and
 * its tests. An error one of `outages` recognises is a 503: retrying is right.
 */
export function toApiErrorBody(
  error: unknown,
  outages: readonly DependencyOutageCheck[] = [],
): ApiErrorBody {
  if (error instanceof ApiException) return error.toBody();
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const body: ApiErrorBody = {
      statusCode: 400,
      code: ErrorCodes.validationFailed,
      message: describeIssue(issue),
    };
    const field = issueField(issue);
    if (field !== undefined) body.field = field;
    return body;
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isBodyParserError(error)) return fromBodyParser(error);
  const dependency = dependencyDown(error, outages);
  if (dependency !== undefined) return dependencyUnavailable(dependency);
  return internalError();
}

/** The dependency an error says is down, if any of `outages` recognises it. */
export function dependencyDown(
  error: unknown,
  outages: readonly DependencyOutageCheck[],
): string | undefined {
  for (const check of outages) {
    const name = check(error);
    if (name !== undefined) return name;
  }
  return undefined;
}

function dependencyUnavailable(dependency: string): ApiErrorBody {
  return {
    statusCode: 503,
    code: ErrorCodes.unavailable,
    message: `The service cannot reach its ${dependency} right now; retry after the delay in Retry-After`,
  };
}

/**
 * Express error middleware for right after the body parser. Nest would turn its errors
 * into a generic BadRequestException (losing `type`), so they are translated here first.
 */
export function bodyParserErrorMiddleware(
  error: unknown,
  _request: Request,
  _response: Response,
  next: NextFunction,
): void {
  // Installed right after the parser, so an error with a status here is the parser's.
  if (!hasHttpStatus(error)) return next(error);
  const body = fromBodyParser(error);
  next(new ApiException(body.statusCode, body.code, body.message));
}
