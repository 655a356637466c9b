import { isIPv4, isIPv6 } from 'node:net';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6 (network order). */
export type IpBytes = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array };

/**
 * Parses the canonical text forms Node and the WHATWG URL parser produce: dotted-quad
 * IPv4 and IPv6 (brackets, `::` and an embedded dotted quad allowed; a zone id is ignored,
 * since it names an interface, not an address). Anything else is `undefined`: shorthand
 * IPv4 such as `127.1` is not an address here, it is a hostname for the resolver.
 */
export function parseIpAddress(text: string): IpBytes | undefined {
  const ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(ip)) return { family: 4, bytes: Uint8Array.from(ip.split('.').map(Number)) };
  if (!isIPv6(ip)) return undefined;
  return { family: 6, bytes: ipv6Bytes(ip.split('%')[0]) };
}

export function formatIpv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

// isIPv6 has already checked the syntax, so this only expands it.
function ipv6Bytes(ip: string): Uint8Array {
  const lastColon = ip.lastIndexOf(':');
  const tail = ip.slice(lastColon + 1);
  const text = tail.includes('.') ? ip.slice(0, lastColon + 1) + dottedToHex(tail) : ip;
  const [head, rest] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const restGroups = rest === undefined ? [] : rest ? rest.split(':') : [];
  const zeros =
    rest === undefined
      ? []
      : new Array<string>(8 - headGroups.length - restGroups.length).fill('0');
  const bytes = new Uint8Array(16);
  [...headGroups, ...zeros, ...restGroups].forEach((group, index) => {
    const value = parseInt(group, 16);
    bytes[index * 2] = value >> 8;
    bytes[index * 2 + 1] = value & 0xff;
  });
  return bytes;
}

function dottedToHex(dotted: string): string {
  const [a, b, c, d] = dotted.split('.').map(Number);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
