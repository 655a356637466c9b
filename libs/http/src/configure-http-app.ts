import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { accessLogMiddleware } from './access-log.middleware';
import { ApiExceptionFilter } from './api-exception.filter';
import { bodyParserErrorMiddleware, type DependencyOutageCheck } from './error-mapping';
import { requireJsonBodyMiddleware } from './json-body.middleware';
import { refuseUndecodableQuery } from './query-encoding.middleware';
import { requestIdMiddleware } from './request-id.middleware';
import { refuseInvalidUtf8 } from './utf8-body';
import { WellFormedInputPipe } from './well-formed-input.pipe';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest accepted request body, in bytes; larger ones get 413 before being read whole. */
  bodyLimitBytes: number;
  /**
   * Sees every request before anything else may answer it, so those refused by the
   * checks below (413, 415, a malformed body) are measured too. libs/metrics gives one.
   */
  requestMetrics?: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  /**
   * Recognise errors that mean a dependency is down (libs/persistence's
   * `postgresOutage`): those requests answer 503 with Retry-After instead of 500.
   */
  dependencyOutages?: readonly DependencyOutageCheck[];
}

/**
 * The HTTP behaviour every service shares. The app must be created with
 * `{ bodyParser: false }` so that the JSON parser installed here, with our limit, is the
 * only one (Nest's default would parse first, with its own 100 kB limit).
 */
export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions): void {
  app.disable('x-powered-by');
  if (options.requestMetrics) app.use(options.requestMetrics);
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware(options.logger));
  app.use(refuseUndecodableQuery);
  app.use(requireJsonBodyMiddleware);
  app.useBodyParser('json', {
    limit: options.bodyLimitBytes,
    strict: true,
    verify: refuseInvalidUtf8,
  });
  app.use(bodyParserErrorMiddleware);
  // Global pipes run before a route's own: no ill-formed text reaches any schema or store.
  app.useGlobalPipes(new WellFormedInputPipe());
  app.useGlobalFilters(new ApiExceptionFilter(options.logger, options.dependencyOutages));
}
