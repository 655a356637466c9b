// Before anything else: no test in this file can reach past 127.0.0.0/8 and ::1.
import { installLoopbackGuard, LoopbackGuardError } from '@leadhooks/testing';
const guard = installLoopbackGuard();

import { once } from 'node:events';
import type { OutboundClientOptions } from './outbound.client';
import { pooledSocketIdleMs } from './safe.agent';
import { createClientFixture, toLoopback } from './test/client-fixture';
import { probeGuard } from '@leadhooks/testing';
import { closedLoopbackPort, startSilentTcpServer } from '@leadhooks/testing';

const fixture = createClientFixture();

afterEach(async () => {
  await fixture.closeAll();
  expect(guard.violations.splice(0)).toEqual([]);
});
afterAll(() => guard.uninstall());

describe('outbound client limits', () => {
  it('runs under a guard that stops any connection outside loopback', async () => {
    const stopped = await probeGuard(guard);
    expect(stopped).toHaveLength(3);
    stopped.forEach((error) => expect(error).toBeInstanceOf(LoopbackGuardError));
  });

  it('cuts a receiver that never answers at the total timeout', async () => {
    const hook = await fixture.receiver(() => undefined);
    const outcome = await fixture.client({ totalTimeoutMs: 500 }).send({
      method: 'POST',
      url: hook.url(),
      body: '{}',
    });
    expect(outcome).toMatchObject({ kind: 'error', error: 'timeout' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(450);
    expect(outcome.durationMs).toBeLessThan(2_000);
  });

  it('waits past the pooled idle timeout for a slow answer, on a new and a reused connection', async () => {
    // The agent's idle timeout closes sockets nobody uses; a request waiting on its answer
    // longer than that must still get it, up to the total timeout.
    const answerAfterMs = pooledSocketIdleMs + 500;
    const hook = await fixture.receiver((_req, res) => {
      setTimeout(() => res.end('late'), answerAfterMs);
    });
    const client = fixture.client({ totalTimeoutMs: answerAfterMs + 3_000 });
    const outcomes = [];
    // One after the other: the second goes on the connection the first one pooled.
    for (let i = 0; i < 2; i += 1) {
      outcomes.push(await client.send({ method: 'POST', url: hook.url(), body: '{}' }));
    }
    expect(outcomes).toMatchObject([
      { kind: 'response', status: 200, bodySnippet: 'late' },
      { kind: 'response', status: 200, bodySnippet: 'late' },
    ]);
    expect(hook.connections()).toBe(1);
  }, 20_000);

  it('returns what arrived when a started body stalls past the deadline', async () => {
    const hook = await fixture.receiver((_req, res) => res.writeHead(200).write('partial'));
    const outcome = await fixture
      .client({ totalTimeoutMs: 500 })
      .send({ method: 'GET', url: hook.url() });
    expect(outcome).toMatchObject({
      kind: 'response',
      status: 200,
      bodySnippet: 'partial',
      truncated: true,
    });
    expect(outcome.durationMs).toBeLessThan(2_000);
  });

  it('reads at most the cap of a receiver that streams megabytes, then hangs up', async () => {
    const total = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    let hungUp: Promise<unknown> | undefined;
    const hook = await fixture.receiver((_req, res) => {
      hungUp = once(res, 'close');
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const outcome = await fixture.client({ maxResponseBytes: 4096 }).send({
      method: 'GET',
      url: hook.url(),
    });
    expect(hungUp).toBeDefined();
    await hungUp;
    expect(outcome).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(outcome.kind === 'response' && outcome.bodySnippet).toBe('x'.repeat(4096));
    expect(outcome.durationMs).toBeLessThan(5_000);
    // What the socket buffers took before we hung up (about 200 KiB), far below the offer.
    expect(written).toBeLessThan(total / 4);
  });

  it('gives up on a connection that does not complete in time', async () => {
    const silent = await startSilentTcpServer();
    fixture.track(silent);
    const outcome = await fixture.client({ connectTimeoutMs: 200 }).send({
      method: 'POST',
      url: `https://127.0.0.1:${silent.port}/`,
      body: '{}',
    });
    expect(outcome).toMatchObject({ kind: 'error', error: 'connect-timeout' });
    expect(outcome.durationMs).toBeLessThan(2_000);
  });

  it.each<[string, string, OutboundClientOptions, string]>([
    ['an untrusted certificate', 'hooks.test', { ca: undefined }, 'tls'],
    ['a name the certificate does not cover', 'other.test', {}, 'tls'],
    [
      'a name that does not resolve',
      'hooks.test',
      { resolve: async () => Promise.reject(new Error('NXDOMAIN')) },
      'dns',
    ],
  ])('names the failure for %s', async (_case, host, options, error) => {
    const hook = await fixture.receiver((_req, res) => res.end());
    const url = `https://${host}:${hook.port}/`;
    const outcome = await fixture
      .client({ resolve: toLoopback, ...options })
      .send({ method: 'GET', url });
    expect(outcome).toMatchObject({ kind: 'error', error });
    expect(hook.requests).toHaveLength(0);
  });

  it('names a refused connection', async () => {
    const port = await closedLoopbackPort();
    const outcome = await fixture.client().send({
      method: 'POST',
      url: `https://127.0.0.1:${port}/`,
      body: '{}',
    });
    expect(outcome).toMatchObject({ kind: 'error', error: 'connection' });
  });
});
