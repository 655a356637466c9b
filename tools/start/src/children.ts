import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceNodeFlags } from '@leadhooks/config';
import type { ServiceSpec } from './start.config';

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
}

const exitWithParent = join(__dirname, 'exit-with-parent.ts');

/**
 * Starts one app as `node -r @swc-node/register <entry>/src/main.ts`, the command of its
 * `serve` target, with output to a log file (four apps' JSON lines would drown the
 * terminal). Same process group as `npm start`, so a terminal's Ctrl-C or hang-up
 * reaches the apps too; and each app stops when `npm start` dies, even by SIGKILL
 * (exit-with-parent.ts). On a normal stop each is still stopped by pid and waited for.
 */
export function startService(
  root: string,
  spec: ServiceSpec,
  env: NodeJS.ProcessEnv,
  logDir: string,
): RunningService {
  const logFile = join(logDir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [
      ...serviceNodeFlags,
      '-r',
      '@swc-node/register',
      '-r',
      exitWithParent,
      `${spec.entry}/src/main.ts`,
    ],
    {
      cwd: root,
      env: { ...env, ...spec.env, SWC_NODE_PROJECT: `${spec.entry}/tsconfig.app.json` },
      // stdin: a pipe nobody writes to; it ends when this process dies (exit-with-parent.ts).
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      log.end();
      resolve(code ?? signal ?? 'unknown');
    });
  });
  return { spec, child, logFile, exited };
}

/** Polls `/health/ready` until 200, failing if the process exits or `timeoutMs` passes. */
export async function waitReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | undefined;
  void service.exited.then((code) => (exitedWith = code));
  for (;;) {
    if (exitedWith !== undefined)
      throw new Error(`${service.spec.name} exited (${exitedWith}) before it was ready`);
    try {
      const answer = await fetch(`http://127.0.0.1:${service.spec.port}/health/ready`, {
        signal: AbortSignal.timeout(3_000),
      });
      await answer.body?.cancel();
      if (answer.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`${service.spec.name} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * SIGTERM to each by pid (the apps close Kafka consumers and Postgres on it), SIGKILL to
 * any still alive after `graceMs`. Resolves when every one has exited.
 */
export async function stopServices(
  services: readonly RunningService[],
  graceMs = 15_000,
): Promise<void> {
  const alive = services.filter(
    (service) => service.child.exitCode === null && service.child.signalCode === null,
  );
  for (const service of alive) service.child.kill('SIGTERM');
  await Promise.all(
    alive.map(async (service) => {
      let timer: NodeJS.Timeout | undefined;
      const killed = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          service.child.kill('SIGKILL');
          resolve();
        }, graceMs);
      });
      await Promise.race([service.exited, killed]);
      await service.exited;
      clearTimeout(timer);
    }),
  );
}

/** The end of a log, to show why a service did not start. */
export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
