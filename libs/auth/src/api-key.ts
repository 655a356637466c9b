import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Key format: `lh_<prefix>_<secret>`. The prefix (12 hex chars, not secret) finds the
 * row through a unique index; the secret (32 random bytes, base64url) makes the key
 * unguessable. Only SHA-256 of the whole key is stored: with 256 bits of entropy a slow
 * password hash adds nothing, and a fast one keeps authentication to one indexed lookup.
 */
const keyPattern = /^lh_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  /** The key to give the client, once. Never stored, never logged. */
  key: string;
  prefix: string;
  hash: Buffer;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(6).toString('hex');
  const key = `lh_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The lookup prefix of a well-formed key; undefined for anything else (no DB query then). */
export function apiKeyPrefix(candidate: string): string | undefined {
  return keyPattern.exec(candidate)?.[1];
}

/** Constant-time comparison, so response timing reveals nothing about a stored hash. */
export function apiKeyMatches(candidate: string, storedHash: Buffer): boolean {
  const hash = hashApiKey(candidate);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
}

/** What a request presents as its API key. */
export type PresentedApiKey =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly key: string }
  /** Two different keys: which one would the caller mean? Refused, never guessed. */
  | { readonly kind: 'conflicting' };

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`, each
 * header read in every copy the request sent (Node's `headersDistinct`: its `headers`
 * keeps only the first Authorization and joins repeated X-Api-Key values). A value is
 * also split at commas, the form a client or proxy gives two copies of one header (a key
 * never holds a comma). The same key sent more than once is that key; two different ones
 * are `conflicting`. An Authorization credential of another scheme counts as no key.
 */
export function presentedApiKey(headers: {
  authorization?: readonly string[];
  'x-api-key'?: readonly string[];
}): PresentedApiKey {
  const keys = new Set<string>();
  for (const part of commaParts(headers.authorization)) {
    const bearer = bearerPattern.exec(part)?.[1];
    if (bearer !== undefined) keys.add(bearer);
  }
  for (const part of commaParts(headers['x-api-key'])) {
    if (part.length > 0) keys.add(part);
  }
  const [first, ...others] = keys;
  if (first === undefined) return { kind: 'none' };
  return others.length === 0 ? { kind: 'one', key: first } : { kind: 'conflicting' };
}

function commaParts(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((value) => value.split(',')).map((part) => part.trim());
}
