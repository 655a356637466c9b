import { ErrorCodes, type ApiErrorBody } from './api-error';

/**
 * An error meant for the client: it carries its status, code and message, and the
 * exception filter renders it as ApiErrorBody verbatim. Anything else that escapes a
 * handler is a 500 (our fault) unless the filter recognises it.
 */
export class ApiException extends Error {
  override readonly name: string = 'ApiException';

  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly existingId?: string,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = {
      statusCode: this.statusCode,
      code: this.code,
      message: this.message,
    };
    if (this.field !== undefined) body.field = this.field;
    if (this.existingId !== undefined) body.existingId = this.existingId;
    return body;
  }
}

export class ValidationFailedException extends ApiException {
  override readonly name = 'ValidationFailedException';
  constructor(message: string, field?: string) {
    super(400, ErrorCodes.validationFailed, message, field);
  }
}

export class UnauthorizedException extends ApiException {
  override readonly name = 'UnauthorizedException';
  constructor(message = 'A valid API key is required') {
    super(401, ErrorCodes.unauthorized, message);
  }
}

export class NotFoundException extends ApiException {
  override readonly name = 'NotFoundException';
  constructor(message = 'Not found') {
    super(404, ErrorCodes.notFound, message);
  }
}

export class ConflictException extends ApiException {
  override readonly name = 'ConflictException';
  constructor(message: string, field?: string, existingId?: string) {
    super(409, ErrorCodes.conflict, message, field, existingId);
  }
}

export class UnsupportedMediaTypeException extends ApiException {
  override readonly name = 'UnsupportedMediaTypeException';
  constructor(message = 'Content-Type must be application/json') {
    super(415, ErrorCodes.unsupportedMediaType, message);
  }
}
