import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { z } from 'zod';
import { schemaRef, toOpenApiSchema } from './openapi';

/** What each error status means, shared so every service words them the same way. */
export const errorStatusDescriptions: Record<number, string> = {
  400: 'Invalid input; `field` names it (a body path, or the query or path parameter)',
  401: 'Missing or invalid API key',
  404: 'No such resource in this account',
  409: 'Conflicts with an existing resource; `existingId` names it when there is one',
  413: 'Body larger than the limit',
  415: 'Body is not JSON',
  422: 'The Idempotency-Key was already used with a different request (method, path or body)',
  503: 'A dependency (database, broker) is unavailable; retry after Retry-After seconds',
};

/** The error statuses an operation can answer, each with the one error body. */
export function ApiErrors(
  statuses: readonly number[],
  descriptions: Record<number, string> = {},
): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: descriptions[status] ?? errorStatusDescriptions[status] ?? 'Error',
        schema: schemaRef('Error'),
      }),
    ),
  );
}

/**
 * One query parameter per field of the zod object that validates the query, with the
 * field's input constraints (the document then cannot drift from the pipe).
 */
export function ApiZodQuery(schema: z.ZodObject): MethodDecorator {
  return applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) => {
      const fieldSchema = field as z.ZodType;
      return ApiQuery({
        name,
        required: !acceptsUndefined(fieldSchema),
        schema: toOpenApiSchema(fieldSchema, 'input'),
        description: fieldSchema.description,
      });
    }),
  );
}

/** A path parameter described by the zod schema its pipe validates it with. */
export function ApiZodParam(
  name: string,
  schema: z.ZodType,
  description?: string,
): MethodDecorator {
  return ApiParam({
    name,
    required: true,
    schema: toOpenApiSchema(schema, 'input'),
    description,
  });
}

function acceptsUndefined(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}
