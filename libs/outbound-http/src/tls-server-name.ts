import { isIP } from 'node:net';

/**
 * The most bytes OpenSSL takes as a TLS server name (TLSEXT_MAXLEN_host_name). Node's
 * `setServername` ignores OpenSSL's refusal of a longer one and leaves the error on the
 * thread's OpenSSL error queue, where the next TLS read of *another* connection picks it
 * up and fails with `ssl3 ext invalid servername` (decision 062).
 */
export const maxServerNameBytes = 255;

/** A host that cannot be named in TLS: refused before any socket is made. */
export class InvalidServerNameError extends Error {
  override readonly name = 'InvalidServerNameError';
  readonly code = 'ERR_TLS_INVALID_SERVER_NAME';
  constructor(readonly host: string) {
    super(
      `the host name is ${Buffer.byteLength(host)} bytes long; TLS allows at most ${maxServerNameBytes}`,
    );
  }
}

/**
 * The SNI to send for a connection to `host`: '' (none) for an IP literal, which RFC 6066
 * section 3 forbids in SNI; otherwise the DNS name without its trailing dot (same section).
 * '' is how Node's tls.connect is told to send no server_name extension at all.
 */
export function tlsServerName(host: string): string | InvalidServerNameError {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return '';
  const name = bare.replace(/\.$/, '');
  return Buffer.byteLength(name) > maxServerNameBytes ? new InvalidServerNameError(host) : name;
}
