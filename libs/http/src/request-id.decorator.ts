import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { requestIdOf } from './request-id.middleware';

/** The id requestIdMiddleware gave this request, for logs and Kafka headers. */
export const RequestId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    requestIdOf(context.switchToHttp().getRequest<Request>()),
);
