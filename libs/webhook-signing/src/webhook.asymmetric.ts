import { sign as cryptoSign, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { signingKeyObject } from './webhook-signing-key';

/** The Standard Webhooks identifier of an ed25519 signature in `webhook-signature`. */
export const asymmetricVersion = 'v1a';

const ed25519SignatureBytes = 64;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** What both schemes sign: `{id}.{timestamp}.{body}`, the body as its exact bytes. */
export function signedContent(
  id: string,
  timestamp: number | string,
  body: string | Uint8Array,
): Buffer {
  return Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]);
}

/** One `v1a,<base64 ed25519 signature>` entry. */
export function asymmetricEntry(signingKey: string, content: Buffer): string {
  // ed25519 hashes internally: Node takes `null` as the digest for it.
  return `${asymmetricVersion},${cryptoSign(null, content, signingKeyObject(signingKey)).toString('base64')}`;
}

/**
 * Whether any `v1a` entry of a `webhook-signature` value is a valid ed25519 signature of
 * `content` by one of `publicKeys`. Other versions are skipped; a malformed entry just fails.
 */
export function matchesAnyAsymmetric(
  header: string,
  publicKeys: readonly KeyObject[],
  content: Buffer,
): boolean {
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== asymmetricVersion) continue;
    const encoded = entry.slice(comma + 1);
    if (!base64Pattern.test(encoded)) continue;
    const signature = Buffer.from(encoded, 'base64');
    if (signature.length !== ed25519SignatureBytes) continue;
    if (publicKeys.some((key) => cryptoVerify(null, content, key, signature))) return true;
  }
  return false;
}
