import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from './free-port';
import { workspaceRoot } from './infra';
import { waitFor } from './wait-for';

export interface AppProcessOptions {
  /** The project folder under apps/, e.g. `dispatcher`. */
  app: string;
  /** The variable its main.ts reads the port from (the apps differ: PORT, DISPATCHER_PORT). */
  portVariable: string;
  /** A fixed port, for a test that restarts the app where its clients expect it; else a free one. */
  port?: number;
  /** Added to a minimal environment; the test's own environment is not inherited. */
  env: Record<string, string>;
  /** Answers 2xx once the app can serve; `/health/ready` waits for its Kafka and Postgres too. */
  readyPath?: string;
  readyTimeoutMs?: number;
}

export interface AppProcess {
  readonly baseUrl: string;
  /** The last part of what it wrote, for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing in progress is finished or committed. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 20 s. */
  stop(): Promise<void>;
}

const outputKeptChars = 16_000;

/**
 * A real app as its own process, started the way `nx serve` starts it. Apps never import
 * each other, tests included, so a spec that needs a second service spawns it by path.
 */
export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(workspaceRoot, 'apps', options.app, 'src/main.ts')],
    {
      cwd: workspaceRoot,
      env: {
        PATH: process.env.PATH ?? '',
        SWC_NODE_PROJECT: join(workspaceRoot, 'apps', options.app, 'tsconfig.app.json'),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...options.env,
        [options.portVariable]: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-outputKeptChars));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = once(child, 'exit');
  const running = () => child.exitCode === null && child.signalCode === null;
  const app: AppProcess = {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    kill: async () => {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  try {
    await waitFor(
      `${options.app} to answer ${options.readyPath ?? '/health/ready'}`,
      async () => {
        if (!running()) throw new Error(`${options.app} exited with ${child.exitCode}`);
        const ready = await fetch(`${app.baseUrl}${options.readyPath ?? '/health/ready'}`, {
          signal: AbortSignal.timeout(2_000),
        }).then(
          (response) => response.ok,
          () => false,
        );
        return ready ? true : undefined;
      },
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 200 },
    );
  } catch (error) {
    await app.stop();
    throw new Error(`${String(error)}\n${options.app} wrote:\n${output}`);
  }
  return app;
}
