import { request } from 'node:http';
import { freePort } from './free-port';

/**
 * The test Kafka and Postgres as containers, through testcontainers, from the images
 * docker-compose.yml uses (apache/kafka:4.4.0, postgres:16) or the stand-ins named by
 * LEADHOOKS_KAFKA_IMAGE / LEADHOOKS_POSTGRES_IMAGE (tools/docker/images.sh builds them on a
 * machine that reaches no registry). An image missing locally is pulled as usual; where
 * that cannot work the start fails naming the image and the variable to set.
 *
 * The reaper (Ryuk) is off unless TESTCONTAINERS_RYUK_DISABLED says otherwise: its image
 * comes from a registry too. Without it nothing reaps for us, so `stop()` removes the
 * containers (global teardown), and every container carries the label
 * `dev.leadhooks.test-run=<pid>` for a CI step to check that none is left.
 */
export interface ContainerInfra {
  databaseUrl: string;
  kafkaBrokers: string;
  stop(): Promise<void>;
}

export const kafkaImage = () => process.env.LEADHOOKS_KAFKA_IMAGE ?? 'apache/kafka:4.4.0';
export const postgresImage = () => process.env.LEADHOOKS_POSTGRES_IMAGE ?? 'postgres:16';
export const testRunLabel = 'dev.leadhooks.test-run';

/** What the harness runs against: `testcontainers`, `local` (tools/infra), or chosen here. */
export async function chooseTestInfra(
  env: NodeJS.ProcessEnv = process.env,
): Promise<'testcontainers' | 'local'> {
  const asked = env.LEADHOOKS_TEST_INFRA;
  if (asked === 'testcontainers') return asked;
  // local by default: an engine that merely answers may lack the images, and it would then
  // try to pull them from a registry, traffic a test run must never make by surprise.
  if (asked === undefined || asked === '' || asked === 'local') return 'local';
  if (asked !== 'auto') {
    throw new Error(`LEADHOOKS_TEST_INFRA must be testcontainers, local or auto, not "${asked}"`);
  }
  // auto: servers given by the environment win; otherwise containers when an engine answers.
  if (env.DATABASE_URL || env.KAFKA_BROKERS) return 'local';
  return (await dockerEngineAnswers(env)) ? 'testcontainers' : 'local';
}

/** A `GET /_ping` on the local engine's socket (a stale socket file is not an engine). */
function dockerEngineAnswers(env: NodeJS.ProcessEnv): Promise<boolean> {
  const host = env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://')) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request(
      { socketPath: host.slice('unix://'.length), path: '/_ping', timeout: 1_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

export async function startContainerInfra(): Promise<ContainerInfra> {
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  const { GenericContainer, Wait } = await import('testcontainers');
  const labels = { [testRunLabel]: String(process.pid) };
  const user = 'leadhooks';
  const password = 'leadhooks';

  // Kafka tells clients where to connect (advertised listener), so the host port is fixed
  // before the start: a free loopback port, published as the same number.
  const kafkaPort = await freePort();
  const kafka = new GenericContainer(kafkaImage())
    .withLabels(labels)
    .withExposedPorts({ container: 9092, host: kafkaPort })
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
      KAFKA_NUM_PARTITIONS: '3',
      // As tools/infra's broker: the code under test must create its topics.
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_DELETE_TOPIC_ENABLE: 'true',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(180_000);
  const postgres = new GenericContainer(postgresImage())
    .withLabels(labels)
    .withExposedPorts(5432)
    .withEnvironment({ POSTGRES_USER: user, POSTGRES_PASSWORD: password, POSTGRES_DB: user })
    // tools/infra's test settings: speed over durability, room for every spec's pools.
    .withCommand([
      'postgres',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'max_connections=200',
    ])
    // Over TCP only once the real server runs: the image's init server has no TCP listener.
    .withHealthCheck({
      test: ['CMD-SHELL', `pg_isready -h 127.0.0.1 -U ${user} -d ${user}`],
      interval: 1_000,
      timeout: 3_000,
      retries: 120,
    })
    .withWaitStrategy(Wait.forHealthCheck())
    .withStartupTimeout(180_000);

  const started = await Promise.allSettled([kafka.start(), postgres.start()]);
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stop = async () => {
    await Promise.allSettled(running.map((container) => container.stop({ remove: true })));
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw new Error(
      `testcontainers could not start ${kafkaImage()} and ${postgresImage()} ` +
        `(set LEADHOOKS_KAFKA_IMAGE / LEADHOOKS_POSTGRES_IMAGE to images this engine has, ` +
        `e.g. from tools/docker/images.sh, or LEADHOOKS_TEST_INFRA=local): ${String(failed.reason)}`,
    );
  }
  const pg = running[1];
  return {
    databaseUrl: `postgres://${user}:${password}@127.0.0.1:${pg.getMappedPort(5432)}/${user}`,
    kafkaBrokers: `127.0.0.1:${kafkaPort}`,
    stop,
  };
}
