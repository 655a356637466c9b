import { WebhookHeaders } from '@leadhooks/contracts';
import { matchesAnyAsymmetric, signedContent } from './webhook.asymmetric';
import { digest, matchesAnySignature } from './webhook.signature';
import { secretKey } from './webhook-secret';
import { publicKeyObject } from './webhook-signing-key';

/** Header bags as Node (`IncomingHttpHeaders`), fetch-style records or tests give them. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyInput {
  headers: HeaderBag;
  /** The raw request body, before any JSON parsing. */
  body: string | Uint8Array;
  /** `whsec_` secrets (`v1`): one, or several while a rotated secret overlaps; any match is accepted. */
  secret?: string | readonly string[];
  /** `whpk_` ed25519 public keys (`v1a`), as `secret`. At least one secret or public key is needed. */
  publicKey?: string | readonly string[];
  /** How far `webhook-timestamp` may be from `now`, either way; the spec's default is 5 min. */
  toleranceSeconds?: number;
  now?: Date;
}

export type VerifyResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: 'missing-header'; header: string }
  | { ok: false; reason: 'invalid-timestamp' }
  | { ok: false; reason: 'stale-timestamp'; skewSeconds: number }
  | { ok: false; reason: 'bad-signature' };

export const defaultToleranceSeconds = 300;

const timestampPattern = /^\d{1,15}$/;

/**
 * Checks a received webhook. The timestamp is checked before the HMAC so a replayed old
 * request is refused even with a valid signature. Any one valid entry is enough: a `v1`
 * HMAC by one of the secrets or a `v1a` ed25519 signature by one of the public keys.
 * Throws only for a malformed secret or key (or none), which is the receiver's own bug,
 * not something a sender can cause.
 */
export function verify(input: VerifyInput): VerifyResult {
  const keys = listOf(input.secret).map(secretKey);
  const publicKeys = listOf(input.publicKey).map(publicKeyObject);
  if (keys.length === 0 && publicKeys.length === 0) {
    throw new RangeError('verify needs at least one secret or public key');
  }
  const id = header(input.headers, WebhookHeaders.id);
  const stamp = header(input.headers, WebhookHeaders.timestamp);
  const signatures = header(input.headers, WebhookHeaders.signature);
  if (id === undefined) return { ok: false, reason: 'missing-header', header: WebhookHeaders.id };
  if (stamp === undefined)
    return { ok: false, reason: 'missing-header', header: WebhookHeaders.timestamp };
  if (signatures === undefined)
    return { ok: false, reason: 'missing-header', header: WebhookHeaders.signature };

  if (!timestampPattern.test(stamp)) return { ok: false, reason: 'invalid-timestamp' };
  const timestamp = Number(stamp);
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const skewSeconds = nowSeconds - timestamp;
  if (Math.abs(skewSeconds) > (input.toleranceSeconds ?? defaultToleranceSeconds)) {
    return { ok: false, reason: 'stale-timestamp', skewSeconds };
  }

  // Sign with the header's own text, not a re-formatted number: that is what was signed.
  const matched =
    keys.some((key) => matchesAnySignature(signatures, digest(key, id, stamp, input.body))) ||
    (publicKeys.length > 0 &&
      matchesAnyAsymmetric(signatures, publicKeys, signedContent(id, stamp, input.body)));
  return matched ? { ok: true, id, timestamp } : { ok: false, reason: 'bad-signature' };
}

function listOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** Case-insensitive header read; an empty value counts as missing. */
function header(headers: HeaderBag, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    const text = typeof value === 'string' ? value : value?.[0];
    return text ? text : undefined;
  }
  return undefined;
}
