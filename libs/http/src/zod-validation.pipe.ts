import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailedException } from './api-exceptions';
import { describeIssue, issueField } from './zod-issues';

/**
 * Parses a value with a zod schema or throws a 400 naming the first offending field.
 * One issue, not all: the client fixes one thing at a time and the body stays small.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ValidationFailedException(describeIssue(issue), issueField(issue));
}

/** `@Body(new ZodValidationPipe(Schema))`: the handler receives the parsed, typed value. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    return parseOrThrow(this.schema, value);
  }
}
