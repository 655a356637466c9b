import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { idempotencyHeader } from './idempotency-key';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * The operation honours `Idempotency-Key` (decision 070), and the OpenAPI document says so.
 * Its 409 and 422 are listed with the operation's other errors (ApiErrors).
 */
export function Idempotent(): MethodDecorator {
  return applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: idempotencyHeader,
      required: false,
      description:
        'Any unique value (a UUID): the same key with the same request within 24 h gets the first ' +
        'answer again (header Idempotent-Replayed: true) without doing anything twice; with a ' +
        'different request, 422; while the first is still running, 409. Scoped to the account.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    }),
  );
}
