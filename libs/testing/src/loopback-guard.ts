import * as dns from 'node:dns';
import * as net from 'node:net';

/**
 * Our rule for tests about private addresses: they must be unable to send a packet even
 * if the code under test were broken. The guard patches the one door every TCP and TLS
 * connection in Node goes through, net.Socket.prototype.connect, and lets through only
 * 127.0.0.0/8 and ::1: an IP destination is checked at once, a hostname's resolved
 * addresses before the socket gets them. It checks with Node's own BlockList, never with
 * the code under test.
 */
export class LoopbackGuardError extends Error {
  override readonly name = 'LoopbackGuardError';
  constructor(readonly destination: string) {
    super(`loopback guard: a test tried to connect to ${destination}, outside 127.0.0.0/8 and ::1`);
  }
}

export interface LoopbackGuard {
  /** Every refused destination; a spec asserts this stays empty. */
  readonly violations: string[];
  uninstall(): void;
}

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

function isLoopback(ip: string): boolean {
  const family = net.isIP(ip);
  return family !== 0 && loopback.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

export function installLoopbackGuard(): LoopbackGuard {
  const original = net.Socket.prototype.connect;
  const violations: string[] = [];
  const refuse = (destination: string) => {
    violations.push(destination);
    return new LoopbackGuardError(destination);
  };

  function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
    const options = connectOptions(args);
    if (options && typeof options.path !== 'string') {
      const host = typeof options.host === 'string' ? options.host : 'localhost';
      if (net.isIP(host) !== 0) {
        if (!isLoopback(host)) throw refuse(host);
      } else {
        const inner =
          typeof options.lookup === 'function'
            ? (options.lookup as net.LookupFunction)
            : defaultLookup;
        options.lookup = guardedLookup(inner, refuse);
      }
    }
    return Reflect.apply(original, this, args);
  }

  Object.defineProperty(net.Socket.prototype, 'connect', {
    value: guardedConnect,
    writable: true,
    configurable: true,
  });
  return {
    violations,
    uninstall: () =>
      Object.defineProperty(net.Socket.prototype, 'connect', {
        value: original,
        writable: true,
        configurable: true,
      }),
  };
}

const defaultLookup: net.LookupFunction = (hostname, options, callback) =>
  dns.lookup(hostname, options, callback);

function guardedLookup(
  inner: net.LookupFunction,
  refuse: (destination: string) => Error,
): net.LookupFunction {
  return (hostname, options, callback) =>
    inner(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const addresses = Array.isArray(address) ? address.map((entry) => entry.address) : [address];
      const outside = addresses.find((ip) => !isLoopback(ip));
      if (outside !== undefined) return callback(refuse(`${hostname} (${outside})`), '');
      callback(null, address, family);
    });
}

/**
 * The options object a connect call will use. Node normalizes net.connect's arguments into
 * an array before calling Socket#connect; direct calls may pass (options) or (port, host).
 */
function connectOptions(args: unknown[]): Record<string, unknown> | undefined {
  const [first, second] = args;
  if (Array.isArray(first)) return asRecord(first[0]);
  if (typeof first === 'object' && first !== null) return asRecord(first);
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // Rewritten as an options object so a hostname's lookup can be guarded too.
    const options: Record<string, unknown> = {
      port: Number(first),
      host: typeof second === 'string' ? second : 'localhost',
    };
    args.splice(0, typeof second === 'string' ? 2 : 1, options);
    return options;
  }
  return undefined; // an IPC path: no network
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)
    : undefined;
}
