import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, requireTestEnv, uniqueName, workspaceRoot } from '@leadhooks/testing';

const run = promisify(execFile);
const infraScript = join(workspaceRoot, 'tools/infra/infra.sh');

/**
 * A Kafka broker of this spec alone, which it may stop and start again, run by
 * tools/infra/infra.sh in a state dir of its own. DATABASE_URL points at the run's
 * Postgres, so infra.sh treats Postgres as external: `up` and `down` touch only this
 * broker. Its data survives a restart (same state dir, same ports).
 */
export class PrivateKafka {
  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly stateDir: string,
    readonly brokers: string,
  ) {}

  static async start(): Promise<PrivateKafka> {
    const stateDir = join(workspaceRoot, '.local/test-runs', uniqueName('private-kafka'));
    mkdirSync(stateDir, { recursive: true });
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LEADHOOKS_STATE_DIR: stateDir,
      LEADHOOKS_KAFKA_PORT: String(port),
      LEADHOOKS_KAFKA_CONTROLLER_PORT: String(await freePort()),
      DATABASE_URL: requireTestEnv('DATABASE_URL'),
      KAFKA_BROKERS: '',
    };
    const kafka = new PrivateKafka(env, stateDir, `127.0.0.1:${port}`);
    await kafka.up();
    return kafka;
  }

  /** Starts the broker (again); resolves once it serves requests. */
  async up(): Promise<void> {
    await this.infra('up');
  }

  /** Stops the broker (a controlled shutdown, as an operator's restart would). */
  async down(): Promise<void> {
    await this.infra('down');
  }

  /** Stops it and deletes its data. */
  async destroy(): Promise<void> {
    await this.down();
    rmSync(this.stateDir, { recursive: true, force: true });
  }

  private async infra(command: 'up' | 'down'): Promise<void> {
    try {
      // infra.sh bounds its own waits (90 s for a start, 30 s + SIGKILL for a stop).
      await run('bash', [infraScript, command], { env: this.env, timeout: 150_000 });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(
        `infra.sh ${command} for the private broker failed: ${stderr || String(error)}`,
      );
    }
  }
}
