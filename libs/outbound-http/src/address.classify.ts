import { formatIpv4, parseIpAddress, type IpBytes } from './ip-address.parse';

/** Why an address is (not) reachable for outbound requests; only `public` is allowed. */
export type AddressRange =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade-nat'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'teredo'
  | 'reserved'
  | 'invalid';

/** IPv6 forms that carry an IPv4 address, which is what the packet finally reaches. */
export type Ipv4Embedding = 'ipv4-mapped' | 'ipv4-compatible' | 'nat64' | '6to4';

export interface AddressClass {
  range: AddressRange;
  /** Set when the verdict came from an IPv4 address embedded in an IPv6 one. */
  embedded?: { via: Ipv4Embedding; ipv4: string };
}

type Rule = readonly [prefix: string, bits: number, verdict: AddressRange | Ipv4Embedding];

// First match wins, so narrow ranges come before the wider ones that contain them.
// Sources: RFC 6890 and the IANA special-purpose address registries.
const ipv4Rules: readonly Rule[] = [
  ['0.0.0.0', 32, 'unspecified'],
  ['255.255.255.255', 32, 'broadcast'],
  ['0.0.0.0', 8, 'reserved'], // "this network"; Linux connects 0.x to the local host
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade-nat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // includes the cloud metadata address 169.254.169.254
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'], // deprecated 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const ipv6Rules: readonly Rule[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::ffff:0:0', 96, 'ipv4-mapped'],
  ['::', 96, 'ipv4-compatible'], // deprecated, but some stacks still route it as IPv4
  ['64:ff9b::', 96, 'nat64'],
  ['64:ff9b:1::', 48, 'reserved'], // local-use NAT64: translates into private networks
  ['100::', 64, 'reserved'], // discard-only
  ['2001::', 32, 'teredo'], // tunnels to an IPv4 peer we cannot check
  ['2001:db8::', 32, 'documentation'],
  ['2001:2::', 48, 'benchmarking'],
  ['2001::', 23, 'reserved'], // IETF protocol assignments (ORCHID, AMT, ...), no web hosts
  ['2002::', 16, '6to4'],
  ['3fff::', 20, 'documentation'],
  ['fc00::', 7, 'unique-local'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'reserved'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
  // Everything outside global unicast 2000::/3 is unassigned: refuse rather than guess.
  ['2000::', 3, 'public'],
  ['::', 0, 'reserved'],
];

const compiled = {
  4: ipv4Rules.map(compile),
  6: ipv6Rules.map(compile),
};

/** Classifies an IP address (text, brackets allowed). Not an IP address: `invalid`. */
export function classifyAddress(ip: string): AddressClass {
  const parsed = parseIpAddress(ip);
  return parsed ? classifyBytes(parsed) : { range: 'invalid' };
}

/** Whether an outbound request may connect to `ip`. */
export function isPublicAddress(ip: string): boolean {
  return classifyAddress(ip).range === 'public';
}

/** A phrase for logs and error messages: "private", "loopback, ipv4-mapped 127.0.0.1". */
export function describeAddressClass(verdict: AddressClass): string {
  return verdict.embedded
    ? `${verdict.range}, ${verdict.embedded.via} ${verdict.embedded.ipv4}`
    : verdict.range;
}

function classifyBytes(ip: IpBytes): AddressClass {
  const rule = compiled[ip.family].find((candidate) => candidate.matches(ip.bytes));
  const verdict = rule?.verdict ?? 'public';
  switch (verdict) {
    case 'ipv4-mapped':
    case 'ipv4-compatible':
    case 'nat64':
      return embedded(verdict, ip.bytes.subarray(12, 16));
    case '6to4':
      return embedded(verdict, ip.bytes.subarray(2, 6));
    default:
      return { range: verdict };
  }
}

function embedded(via: Ipv4Embedding, bytes: Uint8Array): AddressClass {
  const inner = classifyBytes({ family: 4, bytes: Uint8Array.from(bytes) });
  return { range: inner.range, embedded: { via, ipv4: formatIpv4(bytes) } };
}

function compile([prefix, bits, verdict]: Rule) {
  const parsed = parseIpAddress(prefix);
  if (!parsed) throw new Error(`bad rule prefix ${prefix}`);
  const base = parsed.bytes;
  return {
    verdict,
    matches(bytes: Uint8Array): boolean {
      for (let bit = 0; bit < bits; bit += 8) {
        const index = bit / 8;
        const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
        if ((bytes[index] & mask) !== (base[index] & mask)) return false;
      }
      return true;
    },
  };
}
