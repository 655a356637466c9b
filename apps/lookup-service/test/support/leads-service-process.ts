import { freePort, waitFor, workspaceRoot } from '@leadhooks/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface LeadsServiceProcess {
  baseUrl: string;
  /** What it wrote, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real leads-service, as its own process (apps never import each other, tests
 * included): started the way `nx serve leads-service` starts it, stopped by its pid.
 */
export async function startLeadsServiceProcess(
  env: Record<string, string>,
): Promise<LeadsServiceProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/leads-service/src/main.ts'],
    {
      cwd: workspaceRoot,
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: 'apps/leads-service/tsconfig.app.json',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_INTERVAL_MS: '500',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'leads-service to answer /health/live',
      async () => {
        if (child.exitCode !== null)
          throw new Error(`leads-service exited with ${child.exitCode}: ${output}`);
        const ok = await fetch(`${baseUrl}/health/live`, {
          signal: AbortSignal.timeout(1_000),
        }).then(
          (response) => response.ok,
          () => false,
        );
        return ok ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, output: () => output, stop };
}
