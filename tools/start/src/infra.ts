import { spawn } from 'node:child_process';

/**
 * `tools/infra/infra.sh up`: starts (or reuses) the private Postgres and Kafka, or checks
 * the DATABASE_URL / KAFKA_BROKERS given. Its stdout carries only KEY=value lines.
 */
export function infraUp(root: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['tools/infra/infra.sh', 'up'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`infra.sh up failed (exit ${code})`));
      const lines = out.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
      resolve(
        Object.fromEntries(
          lines.map((line) => [
            line.slice(0, line.indexOf('=')),
            line.slice(line.indexOf('=') + 1),
          ]),
        ),
      );
    });
  });
}
