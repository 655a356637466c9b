import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * DATABASE_URL for an operator CLI: the variable when it is set, else the one of the
 * running local stack, as `tools/infra/infra.sh env` prints it (the state dir `npm start`
 * and `npm run infra:up` use, or LEADHOOKS_STATE_DIR). So `npm run account:create` works
 * beside `npm start` with nothing to set first.
 */
export function cliDatabaseUrl(env: NodeJS.ProcessEnv = process.env, root = repoRoot()): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  let printed: string;
  try {
    printed = execFileSync('bash', [join(root, 'tools/infra/infra.sh'), 'env'], {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    printed = '';
  }
  const url = /^DATABASE_URL=(.+)$/m.exec(printed)?.[1]?.trim();
  if (!url)
    throw new Error(
      'DATABASE_URL is not set and no local stack was found (start one with `npm start` or `npm run infra:up`)',
    );
  return url;
}

/** The repository root: this file is apps/leads-service/src/cli/. */
function repoRoot(): string {
  return join(__dirname, '../../../..');
}
