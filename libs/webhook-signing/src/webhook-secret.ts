import { randomBytes } from 'node:crypto';

/** The Standard Webhooks prefix that marks a base64 signing secret. */
export const secretPrefix = 'whsec_';

// The spec asks for 24 to 64 random bytes; 32 matches the HMAC-SHA256 block strength.
const minSecretBytes = 24;
const maxSecretBytes = 64;
const base64Pattern = /^[A-Za-z0-9+/]+={0,2}$/;

/** A secret that does not have the `whsec_<base64>` shape; a configuration or data bug. */
export class InvalidSecretError extends Error {
  override readonly name = 'InvalidSecretError';
  constructor(readonly problem: string) {
    super(`invalid webhook signing secret: ${problem}`);
  }
}

/** A fresh `whsec_` secret holding `byteLength` random bytes (24 to 64, default 32). */
export function generateSecret(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < minSecretBytes || byteLength > maxSecretBytes) {
    throw new RangeError(
      `secret length must be an integer from ${minSecretBytes} to ${maxSecretBytes} bytes`,
    );
  }
  return secretPrefix + randomBytes(byteLength).toString('base64');
}

/**
 * The HMAC key inside a `whsec_` secret. Strict on purpose: Node's base64 decoder skips
 * characters it does not know, so a mangled secret would otherwise sign with a wrong key.
 */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(secretPrefix)) {
    throw new InvalidSecretError(`it must start with "${secretPrefix}"`);
  }
  const encoded = secret.slice(secretPrefix.length);
  if (!base64Pattern.test(encoded) || encoded.length % 4 !== 0) {
    throw new InvalidSecretError(`the part after "${secretPrefix}" must be padded base64`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0) {
    throw new InvalidSecretError('it holds no key bytes');
  }
  return key;
}

/** Whether `secret` is a usable `whsec_` secret (for validating stored or imported secrets). */
export function isValidSecret(secret: string): boolean {
  try {
    secretKey(secret);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `secret` may not sign a webhook, or undefined when it may: a customer's own secret
 * must have the `whsec_` shape and 24 to 64 key bytes, as the ones we generate. The
 * message never quotes the secret.
 */
export function secretProblem(secret: string): string | undefined {
  let key: Buffer;
  try {
    key = secretKey(secret);
  } catch (error) {
    if (error instanceof InvalidSecretError) return error.problem;
    throw error;
  }
  if (key.length < minSecretBytes || key.length > maxSecretBytes) {
    return `it must hold ${minSecretBytes} to ${maxSecretBytes} key bytes, not ${key.length}`;
  }
  return undefined;
}
