import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { codeForStatus, ErrorCodes, type ApiErrorBody } from './api-error';
import { ApiException } from './api-exceptions';
import { describeIssue, issueField } from './zod-issues';

/**
 * Errors raised by body-parser (through http-errors) before any handler runs. Their
 * `type` is documented and stable, unlike their messages, so that is what we branch on.
 */
interface BodyParserError {
  status: number;
  type: string;
  limit?: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<BodyParserError>;
  return typeof candidate.status === 'number' && typeof candidate.type === 'string';
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
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        statusCode: 415,
        code: ErrorCodes.unsupportedMediaType,
        message: 'Request body must be UTF-8 JSON without content encoding',
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

/** Turns anything a request can throw into the one error body. Pure, for the filter and its tests. */
export function toApiErrorBody(error: unknown): ApiErrorBody {
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
  return internalError();
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
  if (!isBodyParserError(error)) return next(error);
  const body = fromBodyParser(error);
  next(new ApiException(body.statusCode, body.code, body.message));
}
