import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { InvalidSecretError } from './webhook-secret';

/** Standard Webhooks prefixes of an ed25519 key pair, serialized as base64. */
export const signingKeyPrefix = 'whsk_';
export const publicKeyPrefix = 'whpk_';

const ed25519KeyBytes = 32;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;
// DER headers of PKCS#8 and SPKI for ed25519 (RFC 8410): a raw 32-byte key follows each.
const pkcs8Header = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiHeader = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * A fresh ed25519 signing key: `whsk_` + base64 of its 32-byte seed (the raw private key).
 * Kept by the sender only; receivers get `publicKeyOf(key)`.
 */
export function generateSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return signingKeyPrefix + der.subarray(pkcs8Header.length).toString('base64');
}

/** The `whpk_` public key that verifies what `signingKey` signs. */
export function publicKeyOf(signingKey: string): string {
  const der = createPublicKey(signingKeyObject(signingKey)).export({ format: 'der', type: 'spki' });
  return publicKeyPrefix + der.subarray(spkiHeader.length).toString('base64');
}

/** The private key inside a `whsk_` key; throws `InvalidSecretError` for any other shape. */
export function signingKeyObject(signingKey: string): KeyObject {
  const seed = rawKey(signingKey, signingKeyPrefix);
  return createPrivateKey({
    key: Buffer.concat([pkcs8Header, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}

/** The public key inside a `whpk_` key; throws `InvalidSecretError` for any other shape. */
export function publicKeyObject(publicKey: string): KeyObject {
  const raw = rawKey(publicKey, publicKeyPrefix);
  return createPublicKey({ key: Buffer.concat([spkiHeader, raw]), format: 'der', type: 'spki' });
}

/** Whether `key` is a usable `whsk_` signing key. */
export function isValidSigningKey(key: string): boolean {
  return hasShape(key, signingKeyPrefix);
}

/** Whether `key` is a usable `whpk_` public key (for checking a receiver's configuration). */
export function isValidPublicKey(key: string): boolean {
  return hasShape(key, publicKeyPrefix);
}

function hasShape(key: string, prefix: string): boolean {
  try {
    rawKey(key, prefix);
    return true;
  } catch {
    return false;
  }
}

function rawKey(key: string, prefix: string): Buffer {
  // The message never quotes the key: it may be a private one.
  if (!key.startsWith(prefix))
    throw new InvalidSecretError(`an ed25519 key must start with "${prefix}"`);
  const encoded = key.slice(prefix.length);
  const raw = base64Pattern.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (raw.length !== ed25519KeyBytes || raw.toString('base64') !== encoded) {
    throw new InvalidSecretError(
      `the part after "${prefix}" must be the base64 of ${ed25519KeyBytes} bytes`,
    );
  }
  return raw;
}
