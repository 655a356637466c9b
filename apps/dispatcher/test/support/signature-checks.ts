import type { RecordedRequest } from '@leadhooks/testing';
import nacl from 'tweetnacl';

/** `list` once it holds `count` items (a waitFor condition), else undefined. */
export function someOf<T>(list: T[], count: number): T[] | undefined {
  return list.length >= count ? list : undefined;
}

/** The versions of the entries of `webhook-signature`, in order (`["v1", "v1a"]`). */
export function signatureVersions(request: RecordedRequest): string[] {
  return String(request.headers['webhook-signature'])
    .split(' ')
    .map((entry) => entry.split(',')[0]);
}

/**
 * Checks each v1a entry with tweetnacl, an ed25519 implementation nobody here wrote,
 * against `publicKey` (whpk_); true if one verifies.
 */
export function naclVerifies(request: RecordedRequest, publicKey: string): boolean {
  const content = Buffer.concat([
    Buffer.from(`${request.headers['webhook-id']}.${request.headers['webhook-timestamp']}.`),
    request.body,
  ]);
  const key = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
  return String(request.headers['webhook-signature'])
    .split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) =>
      nacl.sign.detached.verify(content, Buffer.from(entry.slice(4), 'base64'), key),
    );
}
