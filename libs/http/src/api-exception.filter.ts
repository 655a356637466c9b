import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { ErrorCodes } from './api-error';
import { dependencyDown, toApiErrorBody, type DependencyOutageCheck } from './error-mapping';
import { requestIdOf } from './request-id.middleware';

/**
 * Seconds a client is told to wait after a 503. Long enough for a database failover or
 * a broker restart to be noticed, short enough that a blip costs a client little.
 */
export const retryAfterSeconds = 5;

/**
 * The global filter: every error leaves as ApiErrorBody. A 500 is logged with its stack
 * (it is a bug of ours); client errors are not, as they are the client's to fix. A
 * dependency outage is a 503 with Retry-After, logged as a warning without the stack:
 * during an outage every request fails the same way.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly outages: readonly DependencyOutageCheck[] = [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const body = toApiErrorBody(exception, this.outages);
    const context = { requestId: requestIdOf(request), method: request.method, path: request.path };
    const dependency = dependencyDown(exception, this.outages);
    if (dependency !== undefined) {
      this.logger.warn({ ...context, dependency, err: errorSummary(exception) }, 'dependency down');
    } else if (body.statusCode >= 500) {
      this.logger.error({ ...context, err: exception }, 'request failed');
    }
    // A stream already under way cannot change its status; end it so the client sees a cut.
    if (response.headersSent) {
      response.end();
      return;
    }
    if (body.code === ErrorCodes.unauthorized) response.setHeader('WWW-Authenticate', 'Bearer');
    if (body.statusCode === 503) response.setHeader('Retry-After', String(retryAfterSeconds));
    response.status(body.statusCode).json(body);
  }
}

function errorSummary(error: unknown): { name?: string; code?: unknown } {
  if (typeof error !== 'object' || error === null) return {};
  const { name, code } = error as { name?: string; code?: unknown };
  return { name, code };
}
