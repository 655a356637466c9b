import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { workspaceRoot } from '@leadhooks/testing';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One of leads-service's operator CLIs (`npm run account:create`, `npm run keys`) as an
 * operator runs it, with exactly `env` (plus PATH and HOME, as any shell has): nothing of the test's own inherited.
 */
export function runLeadsCli(
  script: 'create-account' | 'keys',
  args: string[],
  env: Record<string, string>,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join('apps/leads-service/src/cli', `${script}.ts`), ...args],
      {
        cwd: workspaceRoot,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          SWC_NODE_PROJECT: 'apps/leads-service/tsconfig.app.json',
          ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `name=value` lines of a CLI's stdout. */
export function cliValues(stdout: string): Record<string, string> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^(\w+)=(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}
