import { createHash } from 'node:crypto';
import { ValidationFailedException } from '@leadhooks/http';

export const idempotencyHeader = 'Idempotency-Key';
/** Visible ASCII, 1 to 255 characters: room for a UUID or a client's own scheme. */
const keyPattern = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key a request sends, or undefined when it sends none. Every copy of
 * the header is read: two different keys, an empty one or one with other characters is
 * a 400 naming the header, never a guess.
 */
export function idempotencyKeyOf(values: readonly string[] | undefined): string | undefined {
  if (values === undefined || values.length === 0) return undefined;
  const keys = new Set(values.map((value) => value.trim()));
  const [key, ...others] = keys;
  if (others.length > 0)
    throw new ValidationFailedException(
      `${idempotencyHeader} was sent twice with different values: send one`,
      idempotencyHeader,
    );
  if (key === undefined || !keyPattern.test(key))
    throw new ValidationFailedException(
      `${idempotencyHeader} must be 1 to 255 visible ASCII characters`,
      idempotencyHeader,
    );
  return key;
}

/**
 * What makes two requests "the same": method, path with query, and the parsed JSON body
 * with object keys sorted (so key order and whitespace do not count). SHA-256 of that.
 */
export function requestFingerprint(method: string, url: string, body: unknown): Buffer {
  return createHash('sha256')
    .update(JSON.stringify([method.toUpperCase(), url, canonical(body)]), 'utf8')
    .digest();
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== 'object' || value === null) return value ?? null;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(Reflect.get(value, key))]),
  );
}
