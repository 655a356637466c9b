import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { waitFor, workspaceRoot } from '@leadhooks/testing';

/** The dispatcher as a real process (main.ts), so a test can kill -9 it. */
export class DispatcherProcess {
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stderr?.on(
      'data',
      (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-4_000)),
    );
    child.stdout?.resume();
  }

  static async start(env: Record<string, string>, port: number): Promise<DispatcherProcess> {
    const root = workspaceRoot;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(root, 'apps/dispatcher/src/main.ts')],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          SWC_NODE_PROJECT: join(root, 'apps/dispatcher/tsconfig.app.json'),
          HOST: '127.0.0.1',
          DISPATCHER_PORT: String(port),
          LOG_LEVEL: 'warn',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const started = new DispatcherProcess(child, `http://127.0.0.1:${port}`);
    await waitFor(
      'the dispatcher process to answer',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`dispatcher exited with ${child.exitCode}: ${started.stderr}`);
        const ok = await fetch(`${started.baseUrl}/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        })
          .then((response) => response.ok)
          .catch(() => false);
        return ok ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    return started;
  }

  /** SIGKILL: no shutdown hook runs, nothing in progress is finished or committed. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}
