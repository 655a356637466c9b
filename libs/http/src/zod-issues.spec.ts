import { z } from 'zod';
import { parseOrThrow } from './zod-validation.pipe';
import { ValidationFailedException } from './api-exceptions';
import { describeIssue } from './zod-issues';

const schema = z.strictObject({
  email: z.email().max(20),
  name: z.string().max(3).nullable().optional(),
  score: z.number().int().min(0).max(100).optional(),
  kind: z.enum(['a', 'b']).optional(),
  nested: z.strictObject({ tag: z.string() }).optional(),
  custom: z
    .string()
    .refine((v) => v !== 'x', 'must not be x')
    .optional(),
});

function failure(value: unknown): ValidationFailedException {
  try {
    parseOrThrow(schema, value);
  } catch (error) {
    if (error instanceof ValidationFailedException) return error;
  }
  throw new Error('expected a validation failure');
}

describe(describeIssue.name, () => {
  it.each([
    [{}, 'email', 'email is required'],
    [{ email: 'nope' }, 'email', 'email must be a valid email'],
    [{ email: 'a@b.co', name: 'long' }, 'name', 'name must be at most 3 characters long'],
    [{ email: 'a@b.co', score: 1.5 }, 'score', 'score must be an integer'],
    [{ email: 'a@b.co', score: 101 }, 'score', 'score must be at most 100'],
    [{ email: 'a@b.co', score: -1 }, 'score', 'score must be at least 0'],
    [{ email: 'a@b.co', score: '5' }, 'score', 'score must be a number'],
    [{ email: 'a@b.co', kind: 'c' }, 'kind', 'kind must be one of "a", "b"'],
    [{ email: 'a@b.co', extra: 1 }, 'extra', 'extra is not a known field'],
    [{ email: 'a@b.co', nested: { tag: 1 } }, 'nested.tag', 'nested.tag must be a string'],
    [{ email: 'a@b.co', custom: 'x' }, 'custom', 'custom must not be x'],
  ])('%j fails on %s: "%s"', (value, field, message) => {
    const error = failure(value);
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
    expect(error.statusCode).toBe(400);
  });

  it('describes a body that is not an object without a field', () => {
    const error = failure([]);
    expect(error.field).toBeUndefined();
    expect(error.message).toBe('The request body must be an object');
  });
});
