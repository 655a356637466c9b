// Before anything else: no test in this file can reach past 127.0.0.0/8 and ::1.
import { installLoopbackGuard } from '@leadhooks/testing';
const guard = installLoopbackGuard();

import axios, { AxiosError } from 'axios';
import * as https from 'node:https';
import { gzipSync } from 'node:zlib';
import { isDeadlineError, nodeRequestAdapter } from './node-request.adapter';
import { createClientFixture } from './test/client-fixture';

const fixture = createClientFixture();

afterEach(async () => {
  await fixture.closeAll();
  expect(guard.violations.splice(0)).toEqual([]);
});
afterAll(() => guard.uninstall());

describe('nodeRequestAdapter', () => {
  it('sends the merged headers (defaults included) and the exact content length', async () => {
    const hook = await fixture.receiver((_req, res) => res.end());
    await fixture.client({ userAgent: 'agent-under-test/2' }).send({
      method: 'POST',
      url: hook.url(),
      headers: { 'X-Custom': 'a b', 'webhook-id': 'msg_1' },
      body: 'ünï',
    });
    const [seen] = hook.requests;
    expect(seen.headers).toMatchObject({
      'user-agent': 'agent-under-test/2',
      'x-custom': 'a b',
      'webhook-id': 'msg_1',
      'content-length': String(Buffer.byteLength('ünï')),
    });
    // Nothing asks for a compressed answer: the snippet we keep is what was sent.
    expect(seen.headers['accept-encoding']).toBeUndefined();
  });

  it('keeps an answer compressed anyway as its raw bytes, never inflating it', async () => {
    const packed = gzipSync('{"ok":true}');
    const hook = await fixture.receiver((_req, res) =>
      res.writeHead(200, { 'Content-Encoding': 'gzip' }).end(packed),
    );
    const outcome = await fixture.client().send({ method: 'GET', url: hook.url() });
    expect(outcome).toMatchObject({ kind: 'response', status: 200, truncated: false });
    expect(outcome.kind === 'response' && outcome.headers['content-encoding']).toBe('gzip');
    expect(outcome.kind === 'response' && outcome.bodySnippet).toBe(packed.toString('utf8'));
  });

  it('joins repeated response headers', async () => {
    const hook = await fixture.receiver((_req, res) =>
      res
        .writeHead(200, [
          ['X-Multi', 'one'],
          ['X-Multi', 'two'],
        ])
        .end(),
    );
    const outcome = await fixture.client().send({ method: 'GET', url: hook.url() });
    expect(outcome.kind === 'response' && outcome.headers['x-multi']).toBe('one, two');
  });

  it('rejects as axios does when validateStatus refuses the status', async () => {
    const hook = await fixture.receiver((_req, res) => res.writeHead(503).end('busy'));
    const agent = fixture.track({
      agent: new https.Agent({ ca: fixture.certs.ca }),
      close() {
        this.agent.destroy();
      },
    }).agent;
    const client = axios.create({ adapter: nodeRequestAdapter, httpsAgent: agent });
    const failure = await client.get(hook.url()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AxiosError);
    expect(failure).toMatchObject({
      code: AxiosError.ERR_BAD_RESPONSE,
      response: { status: 503 },
    });
  });

  it('rejects with the transport error as cause when nothing listens', async () => {
    const hook = await fixture.receiver((_req, res) => res.end());
    const url = hook.url();
    await hook.close();
    const client = axios.create({ adapter: nodeRequestAdapter });
    const failure = await client.get(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AxiosError);
    expect(failure).toMatchObject({ code: 'ECONNREFUSED', cause: { code: 'ECONNREFUSED' } });
  });

  it('cuts a request at its timeout with ETIMEDOUT', async () => {
    const hook = await fixture.receiver(() => undefined);
    const agent = fixture.track({
      agent: new https.Agent({ ca: fixture.certs.ca }),
      close() {
        this.agent.destroy();
      },
    }).agent;
    const client = axios.create({ adapter: nodeRequestAdapter, httpsAgent: agent, timeout: 150 });
    const started = Date.now();
    const failure = await client.get(hook.url()).catch((error: unknown) => error);
    expect(isDeadlineError(failure)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('leaves no timer behind once an exchange has ended', async () => {
    const hook = await fixture.receiver((_req, res) => res.end('done'));
    const client = fixture.client({ totalTimeoutMs: 60_000 });
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout');
    await client.send({ method: 'GET', url: hook.url() });
    const before = timers().length;
    await client.send({ method: 'GET', url: hook.url() });
    expect(timers()).toHaveLength(before);
  });

  it('refuses a body it would have to convert', async () => {
    const client = axios.create({
      adapter: nodeRequestAdapter,
      transformRequest: [(data: unknown) => data],
    });
    const failure = await client
      .post('https://hooks.test/in', { not: 'bytes' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'ERR_BAD_OPTION' });
  });
});

describe('the outbound client through nodeRequestAdapter', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('ignores a proxy named by the environment', async () => {
    const proxy = await fixture.receiver((_req, res) => res.writeHead(502).end('via proxy'));
    const hook = await fixture.receiver((_req, res) => res.end('direct'));
    process.env.HTTPS_PROXY = proxy.url();
    process.env.https_proxy = proxy.url();
    process.env.NO_PROXY = '';
    const outcome = await fixture.client().send({ method: 'GET', url: hook.url() });
    expect(outcome).toMatchObject({ kind: 'response', status: 200, bodySnippet: 'direct' });
    expect(proxy.requests).toHaveLength(0);
  });
});
