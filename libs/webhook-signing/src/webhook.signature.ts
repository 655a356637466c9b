import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookHeaders } from '@leadhooks/contracts';
import { asymmetricEntry, signedContent } from './webhook.asymmetric';
import { secretKey } from './webhook-secret';

/** What one delivery's signature covers. `timestamp` is in whole seconds since the epoch. */
export interface SignInput {
  id: string;
  timestamp: number;
  /** The exact bytes sent: re-serializing JSON would change them and break the signature. */
  body: string | Uint8Array;
  /** `whsec_` secrets (`v1`): current first; during a rotation overlap also the old one. */
  secrets: readonly string[];
  /** `whsk_` ed25519 keys (`v1a`), in the same order; none: HMAC only. */
  signingKeys?: readonly string[];
}

export type WebhookSignatureHeaders = Record<
  typeof WebhookHeaders.id | typeof WebhookHeaders.timestamp | typeof WebhookHeaders.signature,
  string
>;

const signatureVersion = 'v1';

/**
 * The `webhook-signature` header value, space-separated: one `v1,<base64>` per secret,
 * then one `v1a,<base64>` per ed25519 signing key.
 */
export function sign(input: SignInput): string {
  const signingKeys = input.signingKeys ?? [];
  if (input.secrets.length === 0 && signingKeys.length === 0) {
    throw new RangeError('sign needs at least one secret or signing key');
  }
  assertTimestamp(input.timestamp);
  const symmetric = input.secrets.map(
    (secret) =>
      `${signatureVersion},${digest(secretKey(secret), input.id, input.timestamp, input.body).toString('base64')}`,
  );
  if (signingKeys.length === 0) return symmetric.join(' ');
  const content = signedContent(input.id, input.timestamp, input.body);
  return [...symmetric, ...signingKeys.map((key) => asymmetricEntry(key, content))].join(' ');
}

/** The three Standard Webhooks headers for one attempt. */
export function signatureHeaders(input: SignInput): WebhookSignatureHeaders {
  return {
    [WebhookHeaders.id]: input.id,
    [WebhookHeaders.timestamp]: String(input.timestamp),
    [WebhookHeaders.signature]: sign(input),
  };
}

/** HMAC-SHA256 over `id.timestamp.body`, the content the spec signs. */
export function digest(
  key: Buffer,
  id: string,
  timestamp: number | string,
  body: string | Uint8Array,
): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
}

/**
 * Whether any `v1` entry of a `webhook-signature` value equals `expected`, in constant time.
 * Entries of other versions are skipped, as the spec asks, so new schemes can be added
 * alongside v1 without breaking receivers. The base64 text is compared, not decoded bytes:
 * Node's decoder ignores stray characters, and a signature should match exactly.
 */
export function matchesAnySignature(header: string, expected: Buffer): boolean {
  const wanted = Buffer.from(expected.toString('base64'));
  let matched = false;
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== signatureVersion) continue;
    const candidate = Buffer.from(entry.slice(comma + 1));
    // timingSafeEqual needs equal lengths; the length of an HMAC-SHA256 is public anyway.
    if (candidate.length === wanted.length && timingSafeEqual(candidate, wanted)) {
      matched = true;
    }
  }
  return matched;
}

function assertTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new RangeError(`timestamp must be whole seconds since the epoch, got ${timestamp}`);
  }
}
