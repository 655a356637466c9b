import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, workspaceRoot } from '@leadhooks/testing';

/** Three KRaft nodes (broker + controller each) of tools/infra, in their own state dir. */
export interface ThreeBrokers {
  /** host:port of each node, node id n at index n-1. */
  readonly brokers: string[];
  readonly stateDir: string;
  /** SIGKILL of node `nodeId`'s JVM: no controlled shutdown, nothing flushed. */
  kill(nodeId: number): Promise<void>;
  /** `infra.sh up` again: starts the nodes that are down and waits until all serve. */
  restart(): Promise<void>;
  /** `infra.sh down`: stops all three. */
  stop(): Promise<void>;
}

/**
 * Starts the cluster with the same script as `npm run infra:up -- --brokers 3`. The run's
 * Postgres is passed as DATABASE_URL, so the script checks it and starts no other; the
 * state dir is under .local/test-runs so that CI's clean-up finds it even after a crash.
 */
export async function startThreeBrokers(databaseUrl: string): Promise<ThreeBrokers> {
  const stateDir = join(workspaceRoot, '.local/test-runs', `brokers-${Date.now()}-${process.pid}`);
  const ports = [await freePort(), await freePort(), await freePort()];
  const controllers = [await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KAFKA_BROKERS;
  Object.assign(env, {
    DATABASE_URL: databaseUrl,
    LEADHOOKS_STATE_DIR: stateDir,
    LEADHOOKS_KAFKA_BROKERS_COUNT: '3',
    LEADHOOKS_KAFKA_PORTS: ports.join(','),
    LEADHOOKS_KAFKA_CONTROLLER_PORTS: controllers.join(','),
  });
  const infra = (command: 'up' | 'down') => runInfra(command, env);
  const cluster: ThreeBrokers = {
    brokers: ports.map((port) => `127.0.0.1:${port}`),
    stateDir,
    kill: async (nodeId) => {
      const pid = Number(readFileSync(join(stateDir, `kafka-${nodeId}`, 'kafka.pid'), 'utf8'));
      process.kill(pid, 'SIGKILL');
      while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    restart: () => infra('up'),
    stop: () => infra('down'),
  };
  try {
    await infra('up');
  } catch (error) {
    await infra('down').catch(() => undefined);
    throw error;
  }
  return cluster;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Not spawnSync: the spec keeps sending leads while a node restarts. */
function runInfra(command: 'up' | 'down', env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(workspaceRoot, 'tools/infra/infra.sh'), command], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on(
      'data',
      (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-8_000)),
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`infra.sh ${command} exited ${code}:\n${stderr}`)),
    );
  });
}
