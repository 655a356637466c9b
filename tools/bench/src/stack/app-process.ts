import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { serviceNodeFlags } from '@leadhooks/config';
import { readProcUsage, type ProcUsage } from '../stats/proc-usage';

/** What to run: a TypeScript entry point compiled on load with the project's tsconfig. */
export interface ProcessSpec {
  name: string;
  /** Relative to the workspace root. */
  entry: string;
  tsconfig: string;
  /** When set, `/health/ready` on this port is awaited before `start` resolves. */
  port?: number;
  env: Record<string, string>;
}

/** An app of apps/, the way `npm start` runs it; its port in the variable the app reads. */
export function appSpec(
  name: 'dispatcher' | 'leads-service',
  port: number,
  env: Record<string, string>,
): ProcessSpec {
  const portVariable = name === 'dispatcher' ? 'DISPATCHER_PORT' : 'PORT';
  return {
    name,
    entry: `apps/${name}/src/main.ts`,
    tsconfig: `apps/${name}/tsconfig.app.json`,
    port,
    env: { HOST: '127.0.0.1', LOG_LEVEL: 'warn', [portVariable]: String(port), ...env },
  };
}

/**
 * A process of its own (`node -r @swc-node/register <entry>`), so its CPU and memory are
 * its own and /proc can count them. Started and stopped by its pid only.
 */
export class AppProcess {
  private stderr = '';

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    readonly baseUrl: string,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4_000);
    });
    child.stdout?.resume();
  }

  /** `cpuProfDir`: write a V8 CPU profile there when the process exits. */
  static async start(root: string, spec: ProcessSpec, cpuProfDir?: string): Promise<AppProcess> {
    const profile = cpuProfDir
      ? [
          '--cpu-prof',
          '--cpu-prof-dir',
          cpuProfDir,
          '--cpu-prof-name',
          `${spec.name}-${Date.now()}.cpuprofile`,
        ]
      : [];
    const child = spawn(
      process.execPath,
      [...serviceNodeFlags, ...profile, '-r', '@swc-node/register', join(root, spec.entry)],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          SWC_NODE_PROJECT: join(root, spec.tsconfig),
          ...spec.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const started = new AppProcess(spec.name, child, `http://127.0.0.1:${spec.port ?? 0}`);
    if (spec.port !== undefined) await started.waitReady(90_000);
    return started;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`${this.name} has no pid`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  usage(): ProcUsage {
    return readProcUsage(this.pid);
  }

  /** SIGTERM (the app finishes and commits what it holds), SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready: ${this.stderr}`);
      const ready = await fetch(`${this.baseUrl}/health/ready`, {
        signal: AbortSignal.timeout(2_000),
      })
        .then(async (answer) => {
          await answer.body?.cancel();
          return answer.ok;
        })
        .catch(() => false);
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.stop();
    throw new Error(`${this.name} not ready after ${timeoutMs} ms: ${this.stderr}`);
  }
}
