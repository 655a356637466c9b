// Before anything else: no test in this file can reach past 127.0.0.0/8 and ::1.
import { installLoopbackGuard, LoopbackGuardError } from '@leadhooks/testing';
const guard = installLoopbackGuard();

import { createOutboundClient } from './outbound.client';
import { createClientFixture, toLoopback } from './test/client-fixture';
import { probeGuard } from '@leadhooks/testing';
import { startHttpReceiver } from '@leadhooks/testing';

const fixture = createClientFixture();

afterEach(async () => {
  await fixture.closeAll();
  expect(guard.violations.splice(0)).toEqual([]);
});
afterAll(() => guard.uninstall());

describe(createOutboundClient.name, () => {
  it('runs under a guard that stops any connection outside loopback', async () => {
    const stopped = await probeGuard(guard);
    expect(stopped).toHaveLength(3);
    stopped.forEach((error) => expect(error).toBeInstanceOf(LoopbackGuardError));
  });

  it('sends the body byte for byte and reports a 2xx', async () => {
    const hook = await fixture.receiver((_req, res) =>
      res.writeHead(202, { 'X-Seen': 'yes' }).end('{"ok":true}'),
    );
    // Leading and trailing blanks: axios trims JSON strings by default, which breaks signatures.
    const body = ' {"data":{"email":"ada@example.test","notes":"ünï"}}\n';
    const outcome = await fixture.client().send({
      method: 'POST',
      url: hook.url('/in?x=1'),
      headers: { 'Content-Type': 'application/json', 'webhook-id': 'msg_1' },
      body,
    });
    expect(outcome).toMatchObject({
      kind: 'response',
      status: 202,
      bodySnippet: '{"ok":true}',
      truncated: false,
    });
    expect(outcome.kind === 'response' && outcome.headers['x-seen']).toBe('yes');
    expect(hook.requests).toHaveLength(1);
    const [seen] = hook.requests;
    expect(seen).toMatchObject({ method: 'POST', url: '/in?x=1' });
    expect(seen.body.toString('utf8')).toBe(body);
    expect(seen.headers).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
    });
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it.each(['PUT', 'PATCH', 'GET'] as const)('uses the method %s', async (method) => {
    const hook = await fixture.receiver((_req, res) => res.end());
    await fixture.client().send({ method, url: hook.url() });
    expect(hook.requests.map((request) => request.method)).toEqual([method]);
  });

  it('reports a 302 without following it', async () => {
    const target = await fixture.receiver((_req, res) => res.end('should never be reached'));
    const hook = await fixture.receiver((_req, res) =>
      res.writeHead(302, { Location: target.url('/elsewhere') }).end(),
    );
    const outcome = await fixture.client().send({ method: 'POST', url: hook.url(), body: '{}' });
    expect(outcome).toMatchObject({ kind: 'response', status: 302 });
    expect(outcome.kind === 'response' && outcome.headers.location).toBe(target.url('/elsewhere'));
    expect(target.connections()).toBe(0);
  });

  it('passes Retry-After on to the caller', async () => {
    const hook = await fixture.receiver((_req, res) =>
      res.writeHead(503, { 'Retry-After': '7' }).end(),
    );
    const outcome = await fixture.client().send({ method: 'POST', url: hook.url(), body: '{}' });
    expect(outcome).toMatchObject({
      kind: 'response',
      status: 503,
      headers: { 'retry-after': '7' },
    });
  });

  it('reuses a kept-alive connection', async () => {
    const hook = await fixture.receiver((_req, res) => res.end('ok'));
    const http = fixture.client();
    for (let i = 0; i < 3; i += 1) {
      expect(
        await http.send({ method: 'POST', url: hook.url(), body: `{"n":${i}}` }),
      ).toMatchObject({ status: 200 });
    }
    expect(hook.requests).toHaveLength(3);
    expect(hook.connections()).toBe(1);
  });

  it("closes a pooled connection before the receiver's announced keep-alive timeout", async () => {
    // Node's agent expires it 1 s before the hint: here after 1 s, where the server (5 s)
    // would still keep it. Without an agent timeout the hint is ignored and the socket
    // reused until the server's close races a request (ECONNRESET).
    const hook = await fixture.receiver((_req, res) =>
      res.setHeader('Keep-Alive', 'timeout=2').end(),
    );
    const client = fixture.client();
    await client.send({ method: 'GET', url: hook.url() });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await client.send({ method: 'GET', url: hook.url() });
    expect(hook.connections()).toBe(2);
  });

  it('connects to the checked address but verifies TLS against the hostname', async () => {
    const hook = await fixture.receiver((req, res) => res.end(req.headers.host));
    const port = hook.port;
    const outcome = await fixture.client({ resolve: toLoopback }).send({
      method: 'GET',
      url: `https://hooks.test:${port}/`,
    });
    expect(outcome).toMatchObject({
      kind: 'response',
      status: 200,
      bodySnippet: `hooks.test:${port}`,
    });
  });

  it('speaks plain http only when the policy allows it', async () => {
    const plain = await startHttpReceiver((_req, res) => res.end('plain'));
    fixture.track(plain);
    const allowed = await fixture
      .client({ policy: { allowPrivateAddresses: true, allowHttp: true } })
      .send({
        method: 'GET',
        url: plain.url(),
      });
    expect(allowed).toMatchObject({ kind: 'response', status: 200, bodySnippet: 'plain' });
    const refused = await fixture.client().send({ method: 'GET', url: plain.url() });
    expect(refused).toMatchObject({
      kind: 'error',
      error: 'invalid-url',
      message: expect.stringContaining('http:'),
    });
    expect(plain.connections()).toBe(1);
  });

  it.each([0, -1, 1.5])('refuses a nonsensical option (%p)', (value) => {
    expect(() => createOutboundClient({ totalTimeoutMs: value })).toThrow(RangeError);
  });
});
