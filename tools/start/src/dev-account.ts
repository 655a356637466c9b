import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The development API key: the one kept from an earlier run when the gateway still
 * accepts it, else a new account made with leads-service's account CLI. Keys are stored
 * only as hashes, so the plain key is kept (mode 0600) under the state directory to be
 * shown again on the next start (and read by scripts: `KEY=$(cat .local/start/dev-api-key)`).
 */
export async function developmentApiKey(options: {
  root: string;
  stateDir: string;
  gatewayUrl: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ key: string; created: boolean; file: string }> {
  const file = join(options.stateDir, 'dev-api-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    const answer = await fetch(`${options.gatewayUrl}/v1/leads`, {
      headers: { authorization: `Bearer ${key}` },
    });
    await answer.body?.cancel();
    if (answer.status === 200) return { key, created: false, file };
  }
  const key = await createAccount(options.root, options.env);
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, created: true, file };
}

function createAccount(root: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/leads-service/src/cli/create-account.ts',
        '--name',
        'development',
      ],
      {
        cwd: root,
        env: { ...env, SWC_NODE_PROJECT: 'apps/leads-service/tsconfig.app.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const key = /^api_key=(.+)$/m.exec(out)?.[1];
      if (code === 0 && key) resolve(key.trim());
      else reject(new Error(`account:create failed (exit ${code}): ${err.trim()}`));
    });
  });
}
