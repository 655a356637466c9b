import {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientOptions,
} from '../outbound.client';
import { startHttpsReceiver, type Receiver, type ReceiverHandler } from '@leadhooks/testing';
import { createTestCertificates, type TestCertificates } from '@leadhooks/testing';

/** Clients and HTTPS receivers on loopback, all closed by `closeAll` after each test. */
export interface ClientFixture {
  certs: TestCertificates;
  /** A client that trusts the test CA and may reach loopback (unless options say otherwise). */
  client(options?: OutboundClientOptions): OutboundClient;
  receiver(handler: ReceiverHandler): Promise<Receiver>;
  track<T extends { close(): unknown }>(resource: T): T;
  closeAll(): Promise<void>;
}

/** Resolves every name to 127.0.0.1, standing in for DNS. */
export const toLoopback = async () => [{ address: '127.0.0.1', family: 4 }];

export function createClientFixture(): ClientFixture {
  const certs = createTestCertificates();
  const opened: Array<{ close(): unknown }> = [];
  const track = <T extends { close(): unknown }>(resource: T): T => {
    opened.push(resource);
    return resource;
  };
  return {
    certs,
    track,
    client: (options = {}) =>
      track(
        createOutboundClient({ policy: { allowPrivateAddresses: true }, ca: certs.ca, ...options }),
      ),
    receiver: async (handler) => track(await startHttpsReceiver(certs, handler)),
    closeAll: async () => {
      await Promise.all(opened.splice(0).map((resource) => resource.close()));
    },
  };
}
