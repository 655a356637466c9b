import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  freePort,
  requireTestEnv,
  type TestDatabase,
  uniqueName,
  waitFor,
  workspaceRoot,
} from '@leadhooks/testing';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(120_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** `npm start`'s script against this run's Kafka and a fresh database, then Ctrl-C. */
describe('npm start', () => {
  let database: TestDatabase;
  let start: ChildProcess | undefined;
  let pids: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('start');
  });

  afterAll(async () => {
    // Only if an assertion failed midway: stop the script the way a user would (it then
    // stops its apps by pid), and kill whatever is still alive after that.
    if (start && start.exitCode === null && start.signalCode === null) {
      const exited = new Promise((resolve) => start?.once('exit', resolve));
      start.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    for (const pid of [start?.pid, ...pids]) if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    await database?.drop();
  });

  it('runs the system behind the gateway, and Ctrl-C leaves no process behind', async () => {
    const [leads, dispatcher, lookup, gateway] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const state = mkdtempSync(join(tmpdir(), 'leadhooks-start-'));
    let out = '';
    start = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/start/src/start.ts'], {
      cwd: workspaceRoot,
      env: {
        ...process.env,
        SWC_NODE_PROJECT: 'tools/start/tsconfig.app.json',
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('start'),
        LEADHOOKS_STATE_DIR: join(state, 'infra'),
        LEADHOOKS_START_STATE_DIR: state,
        LEADS_PORT: String(leads),
        DISPATCHER_PORT: String(dispatcher),
        LOOKUP_PORT: String(lookup),
        GATEWAY_PORT: String(gateway),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    start.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    start.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) =>
      start?.once('exit', (code) => resolve(code)),
    );

    try {
      const key = await waitFor(
        'the API key line',
        () => {
          if (start?.exitCode !== null) throw new Error(`npm start exited (${start?.exitCode})`);
          return /^API key \(new development account\): (\S+)$/m.exec(out)?.[1];
        },
        { timeoutMs: 75_000, intervalMs: 200 },
      );
      pids = [...out.matchAll(/(?:leads-service|dispatcher|lookup-service|gateway)=(\d+)/g)].map(
        (match) => Number(match[1]),
      );
      expect(pids).toHaveLength(4);
      expect(out).toContain(`http://127.0.0.1:${gateway}`);

      const created = await fetch(`http://127.0.0.1:${gateway}/v1/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', website: 'example.com' }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('x-request-id')).toBeTruthy();

      start.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
      expect(out).toContain('npm run infra:down');
    } catch (error) {
      // The script's own output says which app failed and why.
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- npm start output:\n${out}`,
      );
    }
  });
});
