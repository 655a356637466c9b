// Before anything else: no test in this file can reach past 127.0.0.0/8 and ::1, so a
// broken address check would fail these tests instead of sending a packet anywhere.
import { installLoopbackGuard, LoopbackGuardError } from '@leadhooks/testing';
const guard = installLoopbackGuard();

import * as https from 'node:https';
import { createOutboundClient, type OutboundClient } from './outbound.client';
import { RefusedAddressError } from './outbound.errors';
import { createSafeAgents } from './safe.agent';
import type { Resolver } from './safe.lookup';
import { probeGuard } from '@leadhooks/testing';
import { startHttpsReceiver, type Receiver } from '@leadhooks/testing';
import { createTestCertificates } from '@leadhooks/testing';

const certs = createTestCertificates();
// The injected resolver stands in for a hostile DNS: public-looking names, loopback answers.
const hostileDns: Resolver = async (hostname) =>
  hostname === 'rebind.test'
    ? [{ address: '127.0.0.1', family: 4 }]
    : hostname === 'mapped.test'
      ? [{ address: '::ffff:127.0.0.1', family: 6 }]
      : Promise.reject(new Error(`unexpected lookup of ${hostname}`));

let hook: Receiver;
let strict: OutboundClient;

beforeAll(async () => {
  hook = await startHttpsReceiver(certs, (_req, res) => res.end('reached'));
  strict = createOutboundClient({ ca: certs.ca, resolve: hostileDns });
});
afterEach(() => expect(guard.violations.splice(0)).toEqual([]));
afterAll(async () => {
  strict.close();
  await hook.close();
  guard.uninstall();
});

describe('outbound safety', () => {
  it('runs under a guard that stops any connection outside loopback', async () => {
    const stopped = await probeGuard(guard);
    expect(stopped).toHaveLength(3);
    stopped.forEach((error) => expect(error).toBeInstanceOf(LoopbackGuardError));
  });

  it.each([
    ['loopback IPv4', () => hook.url('/', '127.0.0.1')],
    ['loopback IPv6', () => hook.url('/', '[::1]')],
    ['IPv4-mapped loopback', () => hook.url('/', '[::ffff:127.0.0.1]')],
    ['cloud metadata (link-local)', () => 'https://169.254.169.254/latest/meta-data/'],
    ['a private network', () => 'https://10.0.0.1/'],
    ['localhost', () => hook.url('/', 'localhost')],
    ['a name that resolves to loopback', () => hook.url('/', 'rebind.test')],
    ['a name that resolves to mapped loopback', () => hook.url('/', 'mapped.test')],
  ])('refuses %s and sends nothing', async (_case, url) => {
    const outcome = await strict.send({ method: 'POST', url: url(), body: '{"data":{}}' });
    expect(outcome).toMatchObject({ kind: 'error', error: 'refused-address' });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /not a public address|this machine/,
    );
    expect(hook.connections()).toBe(0);
  });

  it('refuses at the Agent too, for IP literals and resolved names, without connecting', async () => {
    const agents = createSafeAgents({
      connectTimeoutMs: 1_000,
      maxSocketsPerHost: 1,
      ca: certs.ca,
      resolve: hostileDns,
    });
    try {
      for (const host of ['127.0.0.1', '::1', 'rebind.test']) {
        const error = await new Promise<Error>((resolve) => {
          const request = https.request({ host, port: hook.port, agent: agents.https }, () =>
            resolve(new Error('answered')),
          );
          request.on('error', resolve);
          request.end();
        });
        expect(error).toBeInstanceOf(RefusedAddressError);
      }
      expect(hook.connections()).toBe(0);
    } finally {
      agents.https.destroy();
    }
  });
});
