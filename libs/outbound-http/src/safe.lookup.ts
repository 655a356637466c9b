import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress } from './address.classify';
import { AddressResolutionError, RefusedAddressError } from './outbound.errors';
import { resolveOutboundPolicy, type OutboundPolicy } from './outbound.policy';

/** Resolves a hostname to every address (family 0 = both). Injectable for tests. */
export type Resolver = (hostname: string, family: 0 | 4 | 6) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname, family) =>
  dnsLookup(hostname, { all: true, family, order: 'verbatim' });

/**
 * Resolves all addresses and checks each one. The addresses returned are the only ones
 * the socket may connect to, so the check and the connection use the same answer and a
 * second, rebinding DNS answer has no way in. If ANY address is refused, the name is
 * refused: a public name that also points inside is an attack or a misconfiguration, and
 * connecting only to its public half would work one day and fail the next.
 */
export async function resolveCheckedAddresses(
  hostname: string,
  family: 0 | 4 | 6,
  policy: OutboundPolicy,
  resolve: Resolver,
): Promise<LookupAddress[]> {
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(hostname, family);
  } catch (error) {
    throw new AddressResolutionError(hostname, error);
  }
  if (addresses.length === 0) {
    throw new AddressResolutionError(hostname, new Error('no addresses'));
  }
  if (!policy.allowPrivateAddresses) {
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (verdict.range !== 'public') throw new RefusedAddressError(hostname, address, verdict);
    }
  }
  return addresses;
}

/**
 * A `lookup` for `net.connect` and http(s) Agents that only ever yields checked
 * addresses. TLS SNI and the Host header keep the hostname: only the address is pinned.
 * Node skips `lookup` for IP literals; the safe Agents check those themselves.
 */
export function createSafeLookup(
  policy: Partial<OutboundPolicy> = {},
  resolve: Resolver = systemResolver,
): LookupFunction {
  const resolved = resolveOutboundPolicy(policy);
  return (hostname: string, options: LookupOptions, callback) => {
    const family = familyOf(options.family);
    resolveCheckedAddresses(hostname, family, resolved, resolve).then(
      (addresses) => {
        // Node 20's happy-eyeballs connect asks for all addresses; older paths for one.
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}

function familyOf(family: LookupOptions['family']): 0 | 4 | 6 {
  if (family === 4 || family === 'IPv4') return 4;
  if (family === 6 || family === 'IPv6') return 6;
  return 0;
}
