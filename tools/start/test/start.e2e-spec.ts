import {
  createTestDatabase,
  requireTestEnv,
  type TestDatabase,
  uniqueName,
} from '@leadhooks/testing';
import {
  cleanUp,
  isAlive,
  spawnStart,
  type StartedSystem,
  waitGone,
  waitRunning,
  withOutput,
} from './support/start-process';

// `testTimeout` in jest.config.ts is ignored when `npm test` runs all projects at once.
jest.setTimeout(180_000);

/** `npm start`'s script against this run's Kafka and a fresh database. */
describe('npm start', () => {
  let database: TestDatabase;
  let system: StartedSystem | undefined;
  let pids: number[] = [];

  const external = (): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: database.url,
    KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
    KAFKA_NAMESPACE: uniqueName('start'),
  });

  beforeAll(async () => {
    database = await createTestDatabase('start');
  });

  afterEach(async () => {
    await cleanUp(system, pids);
    system = undefined;
    pids = [];
  });

  afterAll(async () => {
    await database?.drop();
  });

  it('runs the system behind the gateway, and Ctrl-C leaves no process behind', async () => {
    const started = (system = await spawnStart(external()));
    await withOutput(started, async () => {
      const running = await waitRunning(started);
      pids = running.pids;
      expect(pids).toHaveLength(4);
      expect(started.output()).toContain(`http://127.0.0.1:${started.ports.gateway}`);

      const created = await fetch(`http://127.0.0.1:${started.ports.gateway}/v1/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${running.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ada@example.com', website: 'example.com' }),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('x-request-id')).toBeTruthy();

      started.interrupt();
      expect(await started.exited).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
      // The servers came from DATABASE_URL / KAFKA_BROKERS: not ours to stop.
      expect(started.output()).toContain(
        'Postgres and Kafka not ours (DATABASE_URL / KAFKA_BROKERS), left alone',
      );
    });
  });

  it('takes its apps down with it when it is killed outright (SIGKILL)', async () => {
    const started = (system = await spawnStart(external()));
    await withOutput(started, async () => {
      pids = (await waitRunning(started)).pids;
      expect(pids).toHaveLength(4);
      // The script alone, not its process group: no signal reaches the apps.
      started.child.kill('SIGKILL');
      await started.exited;
      // Each app sees its stdin pipe close and shuts itself down cleanly.
      await waitGone(pids, Object.values(started.ports), 30_000);
    });
  });
});
