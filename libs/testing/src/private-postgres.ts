import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { requireTestEnv } from './env';
import { freePort } from './free-port';
import { workspaceRoot } from './infra';
import { uniqueName } from './names';

const run = promisify(execFile);
const infraScript = join(workspaceRoot, 'tools/infra/infra.sh');

/**
 * A Postgres server of one spec alone, which it may stop and start again (an outage)
 * without touching the run's shared server that other specs use. Run by
 * tools/infra/infra.sh in a state dir of its own; KAFKA_BROKERS points at the run's
 * broker, so infra.sh treats Kafka as external and `up`/`down` touch only this server.
 * Its data survives a restart (same state dir, same port).
 */
export class PrivatePostgres {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly stateDir: string,
    /** The server's URL (its default database). */
    readonly serverUrl: string,
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const stateDir = join(workspaceRoot, '.local/test-runs', uniqueName('private-postgres'));
    mkdirSync(stateDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LEADHOOKS_STATE_DIR: stateDir,
      LEADHOOKS_PG_PORT: String(await freePort()),
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      DATABASE_URL: '',
    };
    const { stdout } = await PrivatePostgres.infra(env, 'up');
    const url = /^DATABASE_URL=(.+)$/m.exec(stdout)?.[1];
    if (url === undefined) throw new Error(`infra.sh up printed no DATABASE_URL:\n${stdout}`);
    return new PrivatePostgres(env, stateDir, url);
  }

  /** A new empty database on this server; returns its URL. */
  async createDatabase(prefix: string): Promise<string> {
    const name = uniqueName(prefix).toLowerCase();
    const client = new Client({ connectionString: this.serverUrl });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
    const url = new URL(this.serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }

  /** Stops the server as an operator would (a fast shutdown: sessions get 57P01). */
  async stop(): Promise<void> {
    await PrivatePostgres.infra(this.env, 'down');
  }

  /** Starts it again on the same port and data; resolves once it accepts connections. */
  async restart(): Promise<void> {
    await PrivatePostgres.infra(this.env, 'up');
  }

  /** Stops it and deletes its data. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  private static async infra(
    env: NodeJS.ProcessEnv,
    command: 'up' | 'down',
  ): Promise<{ stdout: string }> {
    try {
      // infra.sh bounds its own waits (90 s for a start, 30 s + SIGKILL for a stop).
      return await run('bash', [infraScript, command], { env, timeout: 150_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(
        `infra.sh ${command} for the private Postgres failed: ${stderr || String(error)}`,
      );
    }
  }
}
