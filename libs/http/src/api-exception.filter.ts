import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCodes } from './api-error';
import { toApiErrorBody } from './error-mapping';
import { requestIdOf } from './request-id.middleware';

/**
 * The global filter: every error leaves as ApiErrorBody. A 500 is logged with its stack
 * (it is a bug of ours); client errors are not, as they are the client's to fix.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = toApiErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        {
          err: exception,
          requestId: requestIdOf(request),
          method: request.method,
          path: request.path,
        },
        'request failed',
      );
    }
    // A stream already under way cannot change its status; end it so the client sees a cut.
    if (response.headersSent) {
      response.end();
      return;
    }
    if (body.code === ErrorCodes.unauthorized) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.statusCode).json(body);
  }
}
