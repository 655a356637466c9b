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

/**
 * The key a request presents: `Authorization: Bearer <key>` or `X-Api-Key: <key>`.
 * Undefined when neither is there; an Authorization header of another scheme counts as
 * no key, as does a request presenting two different keys (which one would it mean?).
 */
export function presentedApiKey(headers: {
  authorization?: string;
  'x-api-key'?: string | string[];
}): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  const headerValue = headers['x-api-key'];
  const header = typeof headerValue === 'string' ? headerValue.trim() || undefined : undefined;
  if (bearer !== undefined && header !== undefined && bearer !== header) return undefined;
  return bearer ?? header;
}
