import { ApiHeaders } from '@leadhooks/contracts';
import { requestIdOf } from '@leadhooks/http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/**
 * The id of this lookup, unique per call: it keys lookups.completed and the dispatcher
 * derives the webhook-id from it. The request id the middleware minted is kept; a
 * caller's own X-Request-Id is not, because tracing ids get reused across calls and two
 * lookups sharing one would share a webhook-id, and a deduplicating receiver would drop
 * the second. The response's X-Request-Id then carries the lookup's id (docs/decisions/021).
 */
export const LookupRequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    const id = requestIdOf(request);
    // The middleware always runs first; its absence is a wiring bug.
    if (id === undefined) throw new Error('request id middleware is not installed');
    if (request.header(ApiHeaders.requestId) !== id) return id;
    const minted = randomUUID();
    http.getResponse<Response>().setHeader(ApiHeaders.requestId, minted);
    return minted;
  },
);
