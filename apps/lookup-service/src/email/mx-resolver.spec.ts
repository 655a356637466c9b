import * as dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { MxResolver } from './mx-resolver';

/** A UDP port on 127.0.0.1 that nothing listens on (taken, then released). */
async function closedUdpPort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  const { port } = socket.address() as AddressInfo;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

describe(MxResolver.name, () => {
  it('says unknown, and does not throw, when no DNS server can be reached', async () => {
    const resolver = new MxResolver({
      servers: [`127.0.0.1:${await closedUdpPort()}`],
      timeoutMs: 200,
      tries: 1,
    });
    try {
      await expect(resolver.lookup('acme.test')).resolves.toMatchObject({ mx: 'unknown' });
    } finally {
      resolver.close();
    }
  });
});
