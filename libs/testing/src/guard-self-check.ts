import * as net from 'node:net';
import * as tls from 'node:tls';
import { once } from 'node:events';
import type { LookupFunction } from 'node:net';
import type { LoopbackGuard } from './loopback-guard';

const to =
  (address: string): LookupFunction =>
  (_host, options, callback) =>
    options.all ? callback(null, [{ address, family: 4 }]) : callback(null, address, 4);

/**
 * Tries three ways out of loopback and returns what stopped each one. None of them can
 * leave the machine: the guard throws before the socket exists, or fails the lookup.
 * The violations it records are expected, so they are cleared afterwards.
 */
export async function probeGuard(guard: LoopbackGuard): Promise<unknown[]> {
  const stopped: unknown[] = [];
  const attempt = (connect: () => unknown) => {
    try {
      connect();
      stopped.push('not stopped');
    } catch (error) {
      stopped.push(error);
    }
  };
  attempt(() => net.connect(443, '10.0.0.1'));
  attempt(() => tls.connect({ host: '169.254.169.254', port: 443 }));
  const socket = net.connect({ host: 'rebind.test', port: 443, lookup: to('10.0.0.1') });
  const [error] = await once(socket, 'error');
  stopped.push(error);
  guard.violations.splice(0);
  return stopped;
}
