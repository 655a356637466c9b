import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ConsoleBuild {
  /** One line for the start banner: built already, built now, or how to see the failure. */
  readonly outcome: Promise<string>;
  /** Stops a build still running (Ctrl-C during start). */
  cancel(): void;
}

/**
 * Builds the web console once, when `dist/apps/console` has no index.html yet, so that a
 * fresh clone's `npm start` serves /console without a separate step. Runs beside the infra
 * start (it takes about as long); a failed build never stops `npm start`: the API works
 * without the console, and the gateway says how to build it.
 */
export function ensureConsoleBuilt(root: string): ConsoleBuild {
  if (existsSync(join(root, 'dist/apps/console/index.html'))) {
    return { outcome: Promise.resolve('console: built'), cancel: () => undefined };
  }
  const child = spawn('npx', ['nx', 'build', 'console', '--outputStyle=static'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    stdio: 'ignore',
  });
  const outcome = new Promise<string>((settle) => {
    const failed =
      'console: the build failed; `npx nx build console` shows why (the API works without it)';
    child.on('error', () => settle(failed));
    child.on('exit', (code) => settle(code === 0 ? 'console: built (dist/apps/console)' : failed));
  });
  return { outcome, cancel: () => void child.kill('SIGTERM') };
}
