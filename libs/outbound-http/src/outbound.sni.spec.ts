// Before anything else: no test in this file can reach past 127.0.0.0/8 and ::1.
import { installLoopbackGuard, LoopbackGuardError } from '@leadhooks/testing';
const guard = installLoopbackGuard();

import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { probeGuard } from '@leadhooks/testing';
import type { OutboundOutcome } from './outbound.client';
import { createSafeAgents } from './safe.agent';
import { createClientFixture, toLoopback } from './test/client-fixture';
import { InvalidServerNameError } from './tls-server-name';

/**
 * Issue 17: 6 of 10,000 first attempts to an IP-literal receiver failed with
 * `ssl3 ext invalid servername` after the receiver had the request. Node's setServername
 * ignores OpenSSL's refusal of a server name and leaves the error on the thread's OpenSSL
 * queue; the next TLS read of any other connection then fails with it (decision 062).
 */
const fixture = createClientFixture();
const opened: Array<() => unknown> = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
  await fixture.closeAll();
  expect(guard.violations.splice(0)).toEqual([]);
});
afterAll(() => guard.uninstall());

interface TlsReceiver {
  url: (host?: string) => string;
  /** The SNI of each TLS connection (false: none sent), and whether it resumed a session. */
  handshakes: Array<{ servername: string | false; resumed: boolean }>;
  requests: () => number;
}

/** An HTTPS receiver on 127.0.0.1 that records the SNI of every connection. */
async function tlsReceiver(closeEvery: number): Promise<TlsReceiver> {
  const handshakes: TlsReceiver['handshakes'] = [];
  let requests = 0;
  const server = https.createServer({ key: fixture.certs.key, cert: fixture.certs.cert });
  server.on('secureConnection', (socket: TLSSocket) => {
    handshakes.push({ servername: socket.servername ?? false, resumed: socket.isSessionReused() });
  });
  server.on('request', (req, res) => {
    requests += 1;
    req.resume();
    // Some answers close their connection, so the run mixes reused and new connections
    // (and new ones resume the TLS session the agent cached).
    const close = requests % closeEvery === 0;
    req.on('end', () => res.writeHead(200, close ? { Connection: 'close' } : {}).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  opened.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    url: (host = '127.0.0.1') => `https://${host}:${port}/hook`,
    handshakes,
    requests: () => requests,
  };
}

async function inParallel<T>(count: number, width: number, task: (i: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

const describeFailures = (outcomes: OutboundOutcome[]) =>
  outcomes.filter((outcome) => outcome.kind !== 'response' || outcome.status !== 200);

describe('outbound TLS server name', () => {
  jest.setTimeout(60_000);

  it('runs under a guard that stops any connection outside loopback', async () => {
    const stopped = await probeGuard(guard);
    expect(stopped).toHaveLength(3);
    stopped.forEach((error) => expect(error).toBeInstanceOf(LoopbackGuardError));
  });

  it('sends no SNI to an IP literal, on new, reused and resumed connections, with 0 errors', async () => {
    const receiver = await tlsReceiver(25);
    const client = fixture.client({ maxSocketsPerHost: 8 });
    const sends = 1_000;
    const outcomes = await inParallel(sends, 32, (i) =>
      client.send({ method: 'POST', url: receiver.url(), body: `{"n":${i}}` }),
    );
    expect(describeFailures(outcomes)).toEqual([]);
    expect(receiver.requests()).toBe(sends);
    // Both kinds of connection were exercised: new ones (some resuming a session) and reused.
    expect(receiver.handshakes.length).toBeGreaterThan(8);
    expect(receiver.handshakes.length).toBeLessThan(sends);
    expect(receiver.handshakes.some((handshake) => handshake.resumed)).toBe(true);
    expect(receiver.handshakes.filter((handshake) => handshake.servername !== false)).toEqual([]);
  });

  it('still names a DNS host in SNI, without its trailing dot', async () => {
    const receiver = await tlsReceiver(1_000);
    const client = fixture.client({ resolve: toLoopback });
    for (const host of ['localhost', 'hooks.test.']) {
      expect(await client.send({ method: 'POST', url: receiver.url(host) })).toMatchObject({
        kind: 'response',
        status: 200,
      });
    }
    expect(receiver.handshakes.map((handshake) => handshake.servername)).toEqual([
      'localhost',
      'hooks.test',
    ]);
  });

  it('refuses a host name TLS cannot carry, and its neighbours see no TLS error', async () => {
    const receiver = await tlsReceiver(10);
    // The agents directly: the client's URL check refuses such a URL before any agent.
    const agents = createSafeAgents({
      policy: { allowPrivateAddresses: true },
      resolve: toLoopback,
      ca: fixture.certs.ca,
      connectTimeoutMs: 5_000,
      maxSocketsPerHost: 8,
    });
    opened.push(() => agents.https.destroy());
    const tooLong = `${'a'.repeat(60)}.`.repeat(5) + 'test';
    const send = (host: string) =>
      new Promise<number | Error>((resolve) => {
        const request = https.request(receiver.url(host), { method: 'POST', agent: agents.https });
        request.on('response', (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('error', resolve);
        request.end('{}');
      });
    const results = await inParallel(600, 24, (i) =>
      send(i % 20 === 0 ? tooLong : '127.0.0.1').then((result) => ({ i, result })),
    );
    const refused = results.filter(({ i }) => i % 20 === 0).map(({ result }) => result);
    const neighbours = results.filter(({ i }) => i % 20 !== 0).map(({ result }) => result);
    expect(neighbours.filter((result) => result !== 200)).toEqual([]);
    refused.forEach((result) => expect(result).toBeInstanceOf(InvalidServerNameError));
    expect(receiver.requests()).toBe(neighbours.length);
  });

  it('answers a URL whose host name is too long for DNS with invalid-url, before any connection', async () => {
    const receiver = await tlsReceiver(1_000);
    const url = receiver.url(`${'a'.repeat(64)}.test`);
    const outcome = await fixture.client({ resolve: toLoopback }).send({ method: 'POST', url });
    expect(outcome).toMatchObject({ kind: 'error', error: 'invalid-url' });
    expect(receiver.handshakes).toEqual([]);
  });
});
