import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailedException } from './api-exceptions';
import { describeIssue, issueField } from './zod-issues';

/**
 * Parses a value with a zod schema or throws a 400 naming the first offending field.
 * One issue, not all: the client fixes one thing at a time and the body stays small.
 * `name` is the parameter the value came from (`@Param('id', pipe)`): a schema for one
 * value has no path of its own, so the 400 would otherwise name nothing.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  name?: string,
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const named = name === undefined ? issue : { ...issue, path: [name, ...issue.path] };
  throw new ValidationFailedException(describeIssue(named), issueField(named));
}

/**
 * `@Body(new ZodValidationPipe(Schema))`, `@Query(...)`, `@Param('id', ...)`: the handler
 * receives the parsed, typed value, and a 400 names the field or the parameter.
 */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata?: ArgumentMetadata): z.output<S> {
    return parseOrThrow(this.schema, value, metadata?.data);
  }
}
