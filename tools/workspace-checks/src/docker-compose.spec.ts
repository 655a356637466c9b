import { serviceNodeFlags } from '@leadhooks/config';
import { Topics } from '@leadhooks/contracts';
import { platformTopicSpecs } from '@leadhooks/kafka';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runConfigCheck } from './app-config-check';
import { createdTopics, healthcheckUrl, loadComposeFile, service } from './compose-file';

// This machine has no Docker engine: these checks hold docker-compose.yml to the code
// without one. What only a running cluster can show (images build, apps become healthy)
// is out of their reach.
const root = resolve(__dirname, '../../..');
const compose = loadComposeFile(resolve(root, 'docker-compose.yml'));

/** Each app's compose service and the variable its config reads its port from. */
const apps = [
  { name: 'leads-service', portVariable: 'PORT' },
  { name: 'lookup-service', portVariable: 'PORT' },
  { name: 'dispatcher', portVariable: 'DISPATCHER_PORT' },
  { name: 'gateway', portVariable: 'GATEWAY_PORT' },
] as const;
const backends = apps.filter((app) => app.name !== 'gateway');
/** The gateway's upstream variables (apps/gateway/src/config) and the service each names. */
const upstreams = [
  ['LEADS_SERVICE_URL', 'leads-service'],
  ['LOOKUP_SERVICE_URL', 'lookup-service'],
  ['DISPATCHER_URL', 'dispatcher'],
] as const;

const env = (name: string) => service(compose, name).environment;
const pick = (values: Record<string, string>, names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, values[name]]));
const kafkaReplicationVariables = ['KAFKA_REPLICATION_FACTOR', 'KAFKA_MIN_INSYNC_REPLICAS'];
/** The broker's settings for its internal topics and the defaults of any other. */
const brokerReplicationVariables = [
  'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
  'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
  'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
  'KAFKA_DEFAULT_REPLICATION_FACTOR',
  'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
  'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR',
  'KAFKA_MIN_INSYNC_REPLICAS',
];
/** The port an app listens on under compose: the value of its own port variable. */
function portOf(name: string): number {
  const app = apps.find((candidate) => candidate.name === name);
  if (!app) throw new Error(`no app ${name}`);
  return Number(env(name)[app.portVariable]);
}

describe('docker-compose.yml', () => {
  it('runs the four apps beside Kafka, its topic init and Postgres, and nothing else', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      [...apps.map((app) => app.name), 'kafka', 'kafka-topics', 'postgres'].sort(),
    );
  });

  it('publishes the gateway, on its own port, and nothing else', () => {
    const published = Object.entries(compose.services).filter(([, svc]) => svc.ports);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    const gatewayPort = portOf('gateway');
    expect(service(compose, 'gateway').ports).toEqual([`${gatewayPort}:${gatewayPort}`]);
  });

  describe.each(apps)('$name', (app) => {
    it("gives every setting the app's own config parser requires", async () => {
      const result = await runConfigCheck(root, app.name, env(app.name));
      expect(result).toEqual({ code: 0, stdout: `${app.name}: configuration OK\n`, stderr: '' });
    });

    it('listens on the compose network, not only on loopback', () => {
      expect(env(app.name).HOST).toBe('0.0.0.0');
    });

    it('checks its health on the port the app listens on', () => {
      const url = healthcheckUrl(service(compose, app.name));
      expect(url.hostname).toBe('127.0.0.1');
      expect(Number(url.port)).toBe(portOf(app.name));
      expect(url.pathname).toBe('/health/ready');
    });

    it('is built from the Dockerfile, which has its entry point', () => {
      const build = service(compose, app.name).build;
      expect(build).toMatchObject({ context: '.', args: { APP: app.name } });
      const dockerfile = readFileSync(resolve(root, build?.dockerfile ?? ''), 'utf8');
      expect(dockerfile).toMatch(/^ARG APP$/m);
      expect(dockerfile).toContain('node -r @swc-node/register \\"apps/${APP}/src/main.ts\\"');
      // The same Node flags as `npm start` and the benchmark.
      expect(dockerfile).toContain(`NODE_OPTIONS=${serviceNodeFlags.join(' ')}`);
      expect(existsSync(resolve(root, `apps/${app.name}/src/main.ts`))).toBe(true);
      expect(existsSync(resolve(root, `apps/${app.name}/tsconfig.app.json`))).toBe(true);
    });
  });

  it('fails the check when a required setting is missing, naming it', async () => {
    const withoutDatabase = { ...env('dispatcher') };
    delete withoutDatabase.DATABASE_URL;
    const result = await runConfigCheck(root, 'dispatcher', withoutDatabase);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Invalid configuration: DATABASE_URL is required\n');
  });

  it("points the gateway's upstreams at the services' names and ports", () => {
    for (const [variable, upstream] of upstreams) {
      const url = new URL(env('gateway')[variable]);
      expect({ variable, host: url.hostname, port: Number(url.port) }).toEqual({
        variable,
        host: upstream,
        port: portOf(upstream),
      });
    }
  });

  it('starts the gateway after its upstreams are healthy', () => {
    expect(service(compose, 'gateway').depends_on).toEqual(
      Object.fromEntries(upstreams.map(([, name]) => [name, { condition: 'service_healthy' }])),
    );
  });

  it.each(backends)('connects $name to the Postgres and Kafka of the cluster', (app) => {
    const postgres = env('postgres');
    const database = new URL(env(app.name).DATABASE_URL);
    expect({
      host: database.hostname,
      port: database.port,
      user: database.username,
      password: database.password,
      database: database.pathname.slice(1),
    }).toEqual({
      host: 'postgres',
      port: '5432',
      user: postgres.POSTGRES_USER,
      password: postgres.POSTGRES_PASSWORD,
      database: postgres.POSTGRES_DB,
    });
    const advertised = env('kafka').KAFKA_ADVERTISED_LISTENERS.replace(/^PLAINTEXT:\/\//, '');
    expect(advertised).toBe('kafka:9092');
    expect(env(app.name).KAFKA_BROKERS).toBe(advertised);
    expect(service(compose, app.name).depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      'kafka-topics': { condition: 'service_completed_successfully' },
    });
  });

  describe('kafka-topics', () => {
    const init = service(compose, 'kafka-topics');
    /** A `name=value` line of the init script, e.g. its replication factor. */
    const scriptSetting = (name: string) =>
      new RegExp(`^\\s*${name}=(\\d+)\\s*$`, 'm').exec((init.command ?? []).join('\n'))?.[1];

    it('creates exactly the topics of libs/contracts, as libs/kafka specifies them', () => {
      const specs = platformTopicSpecs();
      expect(specs.map((spec) => spec.topic).sort()).toEqual(Object.values(Topics).sort());
      expect(createdTopics(init)).toEqual(
        specs.map(({ topic, partitions, retentionMs }) => ({ topic, partitions, retentionMs })),
      );
    });

    it('makes them as the specs say: delete policy, one replica, on the advertised broker', () => {
      expect(platformTopicSpecs().every((spec) => spec.cleanupPolicy === 'delete')).toBe(true);
      expect(platformTopicSpecs().every((spec) => spec.replicationFactor === 1)).toBe(true);
      const script = (init.command ?? []).join('\n');
      expect(script).toContain('--bootstrap-server kafka:9092');
      expect(scriptSetting('replication_factor')).toBe('1');
      expect(script).toContain('--replication-factor "$$replication_factor"');
      expect(script).toContain('--config min.insync.replicas="$$min_insync_replicas"');
      expect(script).toContain('--config cleanup.policy=delete');
      expect(init.depends_on).toEqual({ kafka: { condition: 'service_healthy' } });
    });

    it("keeps leads.save_lead as long as the dispatcher's LEADS_TOPIC_RETENTION says", () => {
      const days = /^(\d+)d$/.exec(env('dispatcher').LEADS_TOPIC_RETENTION ?? '');
      const leads = createdTopics(init).find((topic) => topic.topic === Topics.saveLead);
      expect(leads?.retentionMs).toBe(Number(days?.[1]) * 86_400_000);
    });

    it('replicates as the apps and the broker are told to (issue 22)', () => {
      const replication = scriptSetting('replication_factor');
      const minInsync = scriptSetting('min_insync_replicas');
      for (const app of backends)
        expect({ app: app.name, ...pick(env(app.name), kafkaReplicationVariables) }).toEqual({
          app: app.name,
          KAFKA_REPLICATION_FACTOR: replication,
          KAFKA_MIN_INSYNC_REPLICAS: minInsync,
        });
      expect(pick(env('kafka'), brokerReplicationVariables)).toEqual({
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: replication,
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: replication,
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: replication,
        KAFKA_DEFAULT_REPLICATION_FACTOR: replication,
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: minInsync,
        KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: minInsync,
        KAFKA_MIN_INSYNC_REPLICAS: minInsync,
      });
    });

    it('is the one place topics are made: the apps do not create them', () => {
      for (const app of backends) expect(env(app.name).KAFKA_ENSURE_TOPICS).toBe('false');
      expect(env('kafka').KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    });
  });

  it('keeps local state, dependencies and git history out of the build context', () => {
    const ignored = readFileSync(resolve(root, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.local', '.git']));
  });
});
