import { LookupEndpoint } from '@leadhooks/contracts';
import { toApiErrorBody } from '@leadhooks/http';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { tap, type Observable } from 'rxjs';
import { LookupMetrics } from './lookup.metrics';

/**
 * Counts each lookup by endpoint and status. An interceptor rather than code in the
 * runner: it also sees input refused by the validation pipes, which run inside it.
 * (Requests without a valid API key stop at the guard, before it: they are no lookup.)
 */
@Injectable()
export class LookupMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: LookupMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const endpoint = endpointOf(http.getRequest<Request>());
    if (endpoint === undefined) return next.handle();
    return next.handle().pipe(
      tap({
        next: () => this.metrics.answered(endpoint, http.getResponse<Response>().statusCode),
        error: (error: unknown) =>
          this.metrics.answered(endpoint, toApiErrorBody(error).statusCode),
      }),
    );
  }
}

/** `/v1/email-verifier` -> `email-verifier`: the route pattern, so one of six values. */
function endpointOf(request: Request): LookupEndpoint | undefined {
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return undefined;
  const parsed = LookupEndpoint.safeParse(path.replace(/^\/v1\//, ''));
  return parsed.success ? parsed.data : undefined;
}
