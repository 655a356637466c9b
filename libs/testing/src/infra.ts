import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';

export const workspaceRoot = resolve(__dirname, '../../..');
const infraScript = join(workspaceRoot, 'tools/infra/infra.sh');

export interface TestInfra {
  databaseUrl: string;
  kafkaBrokers: string;
  /** Set when this run started its own private instance; used by `stopTestInfra`. */
  stateDir?: string;
}

function runInfra(command: string, env: NodeJS.ProcessEnv, quiet = false): string {
  const result = spawnSync('bash', [infraScript, command], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(
      `tools/infra/infra.sh ${command} failed (exit ${result.status}):\n${result.stdout}`,
    );
  }
  return result.stdout;
}

function parseEnvLines(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

/**
 * Brings up the Kafka broker and Postgres server the tests run against, with the same
 * script as `npm run infra:up`. `DATABASE_URL` / `KAFKA_BROKERS`, when set, are used as
 * they are; otherwise this run gets a private instance on free ports and its own state
 * directory, so two runs on one machine never share data or ports.
 */
export async function startTestInfra(): Promise<TestInfra> {
  const stateDir = join(workspaceRoot, '.local/test-runs', `${Date.now()}-${process.pid}`);
  mkdirSync(stateDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEADHOOKS_STATE_DIR: stateDir,
    LEADHOOKS_PG_PORT: String(await freePort()),
    LEADHOOKS_KAFKA_PORT: String(await freePort()),
    LEADHOOKS_KAFKA_CONTROLLER_PORT: String(await freePort()),
  };
  runInfra('up', env);
  const vars = parseEnvLines(runInfra('env', env, true));
  if (!vars.DATABASE_URL || !vars.KAFKA_BROKERS) {
    throw new Error('tools/infra/infra.sh env did not print DATABASE_URL and KAFKA_BROKERS');
  }
  return { databaseUrl: vars.DATABASE_URL, kafkaBrokers: vars.KAFKA_BROKERS, stateDir };
}

/** Stops exactly what `startTestInfra` started (nothing, when it used external servers). */
export function stopTestInfra(infra: TestInfra): void {
  if (!infra.stateDir) return;
  runInfra('down', { ...process.env, LEADHOOKS_STATE_DIR: infra.stateDir });
}
