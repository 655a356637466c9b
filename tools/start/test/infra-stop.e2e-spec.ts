import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@leadhooks/testing';
import {
  cleanUp,
  isListening,
  processesMentioning,
  spawnStart,
  type StartedSystem,
  waitGone,
  waitRunning,
  withOutput,
} from './support/start-process';

// Starts a Kafka and a Postgres of its own: slower than the other specs.
jest.setTimeout(300_000);

/** A private infra state dir on free ports, with the run's own servers not given. */
async function privateInfra(): Promise<{ dir: string; ports: number[]; env: NodeJS.ProcessEnv }> {
  const dir = mkdtempSync(join(tmpdir(), 'leadhooks-start-infra-'));
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEADHOOKS_STATE_DIR: dir,
    LEADHOOKS_PG_PORT: String(ports[0]),
    LEADHOOKS_KAFKA_PORT: String(ports[1]),
    LEADHOOKS_KAFKA_CONTROLLER_PORT: String(ports[2]),
  };
  // The run's own servers are given by these; these specs must start their own instead.
  delete env.DATABASE_URL;
  delete env.KAFKA_BROKERS;
  delete env.KAFKA_NAMESPACE;
  return { dir, ports, env };
}

/** `npm start` with nothing given: it starts its own infra, so Ctrl-C stops that too. */
describe('npm start on its own infra', () => {
  let system: StartedSystem | undefined;
  let pids: number[] = [];
  const dirs: string[] = [];

  afterEach(async () => {
    await cleanUp(system, pids);
    system = undefined;
    pids = [];
  });

  afterAll(async () => {
    // Each holds a Postgres cluster and a Kafka log (~50 MB); keep one still in use.
    for (const dir of dirs)
      if ((await processesMentioning(dir)).length === 0)
        rmSync(dir, { recursive: true, force: true });
  });

  it('stops the Kafka and Postgres it started on Ctrl-C, leaving no process or port behind', async () => {
    const infra = await privateInfra();
    dirs.push(infra.dir);
    const started = (system = await spawnStart(infra.env));
    await withOutput(started, async () => {
      pids = (await waitRunning(started, 240_000)).pids;
      const infraPids = ['postgres/postgres.pid', 'kafka/kafka.pid'].map((file) =>
        Number(readFileSync(join(infra.dir, file), 'utf8').trim()),
      );
      pids.push(...infraPids);
      expect(pids).toHaveLength(6);
      expect(await isListening(infra.ports[1])).toBe(true);
      expect(started.output()).toContain(
        'Ctrl-C stops the four apps, then Postgres and Kafka (started by npm start).',
      );

      started.interrupt();
      expect(await started.exited).toBe(0);
      await waitGone(pids, [...Object.values(started.ports), ...infra.ports], 10_000);
      expect(await processesMentioning(infra.dir)).toEqual([]);
    });
  });

  it('still stops them when Ctrl-C comes while they are starting', async () => {
    const infra = await privateInfra();
    dirs.push(infra.dir);
    const started = (system = await spawnStart(infra.env));
    await withOutput(started, async () => {
      await waitFor(
        'Postgres to be up and Kafka starting',
        () => (/infra: kafka: starting/.test(started.output()) ? true : undefined),
        { timeoutMs: 120_000, intervalMs: 100 },
      );
      started.interrupt();
      expect(await started.exited).toBe(0);
      expect(started.output()).toContain('stopping Postgres and Kafka (started by npm start)');
      await waitGone([], [...Object.values(started.ports), ...infra.ports], 10_000);
      expect(await processesMentioning(infra.dir)).toEqual([]);
    });
  });
});
