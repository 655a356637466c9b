import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@leadhooks/testing';
import { Client } from 'pg';

export interface BenchServers {
  /** The server's URL (its maintenance database); each run makes a database of its own. */
  serverUrl: string;
  kafkaBrokers: string;
  /** Stops what `startBenchServers` started, by the pids tools/infra recorded; nothing for given servers. */
  stop(): void;
}

/**
 * Kafka and Postgres for a bench run: DATABASE_URL / KAFKA_BROKERS when both are given,
 * else tools/infra's private pair on free ports under a state directory of this run's own
 * (.local/bench/<time>-<pid>), removed when the run stops: a bench never shares data or
 * ports with `npm start`, a test run or another bench, and starts on an empty broker (one
 * state directory kept across runs grew to thousands of partitions, and the broker took
 * longer than its 90 s start-up limit to load them).
 */
export function startBenchServers(root: string, env: NodeJS.ProcessEnv): Promise<BenchServers> {
  if (env.DATABASE_URL && env.KAFKA_BROKERS) {
    return Promise.resolve({
      serverUrl: env.DATABASE_URL,
      kafkaBrokers: env.KAFKA_BROKERS,
      stop: () => undefined,
    });
  }
  return startPrivateServers(root, env);
}

async function startPrivateServers(root: string, env: NodeJS.ProcessEnv): Promise<BenchServers> {
  const stateDir = join(root, '.local/bench', `${Date.now()}-${process.pid}`);
  mkdirSync(stateDir, { recursive: true });
  const infraEnv: NodeJS.ProcessEnv = {
    ...env,
    LEADHOOKS_STATE_DIR: stateDir,
    LEADHOOKS_PG_PORT: String(await freePort()),
    LEADHOOKS_KAFKA_PORT: String(await freePort()),
    LEADHOOKS_KAFKA_CONTROLLER_PORT: String(await freePort()),
  };
  const infra = (command: string): string => {
    const result = spawnSync('bash', [join(root, 'tools/infra/infra.sh'), command], {
      env: infraEnv,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (result.status !== 0) throw new Error(`infra.sh ${command} failed (exit ${result.status})`);
    return result.stdout;
  };
  // `up` prints progress too; `env` prints only the KEY=value lines.
  infra('up');
  const vars = new Map(
    infra('env')
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
  const serverUrl = vars.get('DATABASE_URL');
  const kafkaBrokers = vars.get('KAFKA_BROKERS');
  if (!serverUrl || !kafkaBrokers) {
    infra('down');
    throw new Error('infra.sh env printed no DATABASE_URL or KAFKA_BROKERS');
  }
  return {
    serverUrl,
    kafkaBrokers,
    stop: () => {
      infra('down');
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the server, for one bench run; dropped when the run ends. */
export async function createBenchDatabase(
  serverUrl: string,
  name: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
