import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestCertificates,
  freePort,
  uniqueName,
  waitFor,
  workspaceRoot,
} from '@leadhooks/testing';
import { generateSecret } from '@leadhooks/webhook-signing';
import { lead, post, signed } from './support/post';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(60_000);

/** The receiver as a user runs it: `node -r @swc-node/register .../main.ts`, over HTTPS. */
describe('example receiver process', () => {
  let child: ChildProcess | undefined;
  const lines: Record<string, unknown>[] = [];

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  });

  it('serves HTTPS, logs one JSON line per webhook, and exits on SIGTERM', async () => {
    const tls = createTestCertificates();
    const dir = mkdtempSync(join(tmpdir(), 'receiver-tls-'));
    writeFileSync(join(dir, 'cert.pem'), tls.cert);
    writeFileSync(join(dir, 'key.pem'), tls.key);
    const secret = generateSecret();
    const port = await freePort();
    child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'examples/receiver/src/main.ts',
        '--port',
        String(port),
        '--tls-cert',
        join(dir, 'cert.pem'),
        '--tls-key',
        join(dir, 'key.pem'),
      ],
      {
        cwd: workspaceRoot,
        env: {
          ...process.env,
          WEBHOOK_SECRET: secret,
          SWC_NODE_PROJECT: 'examples/receiver/tsconfig.app.json',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
    });
    await waitFor(
      'receiver listening',
      () => lines.find((line) => line.message === 'receiver listening'),
      { timeoutMs: 20_000 },
    );

    const id = uniqueName('msg');
    const body = JSON.stringify(lead);
    const answer = await post(
      `https://localhost:${port}/`,
      signed({ id, body, secrets: [secret] }),
      body,
      tls.ca,
    );
    expect(answer.status).toBe(200);
    await waitFor('processed line', () =>
      lines.find((line) => line.webhookId === id && line.outcome === 'processed'),
    );
    expect(lines.filter((line) => line.webhookId === id).map((line) => line.outcome)).toEqual([
      'accepted',
      'processed',
    ]);

    const exited = new Promise<number | null>((resolve) =>
      child?.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
