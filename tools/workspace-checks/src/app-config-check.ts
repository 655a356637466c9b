import { spawn } from 'node:child_process';

export interface ConfigCheckResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `apps/<app>/src/main.ts --check-config` the way `npm start` and the image run the
 * app (node -r @swc-node/register), with `env` as its whole environment: the app's own
 * config parser judges it, and nothing is started or connected to. The workspace may
 * not import apps (lint forbids it), so a child process is the way to ask one.
 */
export function runConfigCheck(
  root: string,
  app: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ConfigCheckResult> {
  return runTypeScript(
    root,
    `apps/${app}/tsconfig.app.json`,
    [`apps/${app}/src/main.ts`, '--check-config'],
    env,
    timeoutMs,
  );
}

/**
 * Runs a TypeScript file of the workspace in a child process, compiled on the fly under
 * `tsconfig` (so its path aliases resolve as the app's do), with `env` as its whole
 * environment. A child that does not end within `timeoutMs` is killed and fails.
 */
export function runTypeScript(
  root: string,
  tsconfig: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ConfigCheckResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...args], {
      cwd: root,
      env: { ...env, SWC_NODE_PROJECT: tsconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A check that does not end has started something: that is a failure, not a wait.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')} still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
