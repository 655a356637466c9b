import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@leadhooks/testing';
import {
  cleanUp,
  isListening,
  spawnStart,
  type StartedSystem,
  waitGone,
  waitRunning,
  withOutput,
} from './support/start-process';

// Starts a Kafka and a Postgres of its own: slower than the other specs.
jest.setTimeout(300_000);

/** `npm start` with nothing given: it starts its own infra, so Ctrl-C stops that too. */
describe('npm start on its own infra', () => {
  let system: StartedSystem | undefined;
  let pids: number[] = [];

  afterAll(async () => {
    await cleanUp(system, pids);
  });

  it('stops the Kafka and Postgres it started on Ctrl-C, leaving no process or port behind', async () => {
    const infraDir = mkdtempSync(join(tmpdir(), 'leadhooks-start-infra-'));
    const [pgPort, kafkaPort, controllerPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
    ]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      LEADHOOKS_STATE_DIR: infraDir,
      LEADHOOKS_PG_PORT: String(pgPort),
      LEADHOOKS_KAFKA_PORT: String(kafkaPort),
      LEADHOOKS_KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    // The run's own servers are given by these; this spec must start its own instead.
    delete env.DATABASE_URL;
    delete env.KAFKA_BROKERS;
    delete env.KAFKA_NAMESPACE;
    const started = (system = await spawnStart(env));
    await withOutput(started, async () => {
      pids = (await waitRunning(started, 240_000)).pids;
      const infraPids = ['postgres/postgres.pid', 'kafka/kafka.pid'].map((file) =>
        Number(readFileSync(join(infraDir, file), 'utf8').trim()),
      );
      pids.push(...infraPids);
      expect(pids).toHaveLength(6);
      expect(await isListening(kafkaPort)).toBe(true);
      expect(started.output()).toContain(
        'Ctrl-C stops the four apps, then Postgres and Kafka (started by npm start).',
      );

      started.interrupt();
      expect(await started.exited).toBe(0);
      await waitGone(
        pids,
        [...Object.values(started.ports), pgPort, kafkaPort, controllerPort],
        10_000,
      );
    });
  });
});
