import type { AddressClass } from './address.classify';
import { describeAddressClass } from './address.classify';

/** How an outbound request failed without an HTTP response. Callers branch on this. */
export type OutboundErrorKind =
  | 'invalid-url'
  | 'refused-address'
  | 'dns'
  | 'connect-timeout'
  | 'timeout'
  | 'connection'
  | 'tls';

/** The destination resolved to (or is) an address the outbound policy refuses. */
export class RefusedAddressError extends Error {
  override readonly name = 'RefusedAddressError';
  readonly code = 'ERR_REFUSED_ADDRESS';
  constructor(
    readonly host: string,
    readonly address: string,
    readonly verdict: AddressClass,
  ) {
    super(
      host === address
        ? `refused ${address}: not a public address (${describeAddressClass(verdict)})`
        : `refused ${host}: it resolves to ${address}, not a public address (${describeAddressClass(verdict)})`,
    );
  }
}

/** The name could not be resolved (the resolver's own error is the cause). */
export class AddressResolutionError extends Error {
  override readonly name = 'AddressResolutionError';
  readonly code = 'ERR_ADDRESS_RESOLUTION';
  constructor(
    readonly host: string,
    cause: unknown,
  ) {
    super(`could not resolve ${host}: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** DNS, TCP connect and TLS handshake together took longer than the connect timeout. */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  readonly code = 'ERR_CONNECT_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`no connection within ${timeoutMs} ms`);
  }
}

// Node reports certificate problems with OpenSSL's verify-error names as codes.
const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/**
 * Maps a transport failure to its kind by class and error code, never by message text.
 * Wrappers (axios, AggregateError from happy-eyeballs) are unwrapped through `cause` and
 * `errors`. Anything unrecognised is a `connection` failure: retryable, never hidden.
 */
export function classifyTransportError(error: unknown): OutboundErrorKind {
  for (const candidate of errorChain(error)) {
    if (candidate instanceof RefusedAddressError) return 'refused-address';
    if (candidate instanceof AddressResolutionError) return 'dns';
    if (candidate instanceof ConnectTimeoutError) return 'connect-timeout';
    const code = codeOf(candidate);
    if (code && (tlsCodes.has(code) || /^ERR_(TLS|SSL)_/.test(code))) return 'tls';
  }
  return 'connection';
}

function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error === undefined || error === null || depth > 5) return;
  yield error;
  if (typeof error !== 'object') return;
  if ('cause' in error) yield* errorChain(error.cause, depth + 1);
  if ('errors' in error && Array.isArray(error.errors)) {
    for (const inner of error.errors) yield* errorChain(inner, depth + 1);
  }
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}
