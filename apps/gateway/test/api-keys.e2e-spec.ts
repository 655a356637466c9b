import { apiKeyCacheTtlMs } from '@leadhooks/auth';
import {
  apiClient,
  createTestDatabase,
  requireTestEnv,
  startAppProcess,
  uniqueName,
  waitFor,
  type ApiClient,
  type AppProcess,
  type TestDatabase,
} from '@leadhooks/testing';
import { Client } from 'pg';
import { cliValues, runLeadsCli } from './support/cli';
import { type RunningGateway, startGateway } from './support/gateway';

/** One authenticated call to each service, through the gateway. */
const calls: Record<string, (client: ApiClient) => Promise<number>> = {
  'leads-service': async (client) => (await client.get('/v1/leads')).status,
  dispatcher: async (client) => (await client.get('/v1/webhooks')).status,
  'lookup-service': async (client) =>
    (await client.get('/v1/phone-validator', { query: { phone: '+14155550100' } })).status,
};
/** The documented bound (decision 071): every other process's key cache TTL. */
const revocationBoundMs = apiKeyCacheTtlMs;
/** Scheduling on a loaded 2-core machine: a poll's own latency, not a looser bound. */
const pollSlackMs = 1_500;

describe('API keys across the services', () => {
  let database: TestDatabase;
  let apps: AppProcess[] = [];
  let gateway: RunningGateway;
  let accountId: string;
  let admin: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_api_keys');
    const common = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('gateway_api_keys'),
    };
    apps = await Promise.all([
      startAppProcess({
        app: 'leads-service',
        portVariable: 'PORT',
        env: common,
        readyPath: '/health/live',
      }),
      startAppProcess({
        app: 'dispatcher',
        portVariable: 'DISPATCHER_PORT',
        env: { ...common, DISPATCHER_CONSUMERS: 'none' },
        readyPath: '/health/live',
      }),
      startAppProcess({
        app: 'lookup-service',
        portVariable: 'PORT',
        env: { ...common, DIRECTORY_CONSUMER_ENABLED: 'false' },
        readyPath: '/health/live',
      }),
    ]);
    const [leads, dispatcher, lookup] = apps;
    gateway = await startGateway({
      LEADS_SERVICE_URL: leads.baseUrl,
      DISPATCHER_URL: dispatcher.baseUrl,
      LOOKUP_SERVICE_URL: lookup.baseUrl,
    });
    const created = await runLeadsCli('create-account', ['--name', 'across'], {
      DATABASE_URL: database.url,
    });
    expect(created.code).toBe(0);
    const values = cliValues(created.stdout);
    accountId = values.account_id;
    admin = apiClient(gateway.url(''), values.api_key);
  });

  afterAll(async () => {
    await gateway?.close();
    await Promise.all(apps.map((app) => app.stop()));
    await database?.drop();
  });

  const allStatuses = async (client: ApiClient) =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(calls).map(async ([name, call]) => [name, await call(client)] as const),
      ),
    );

  /** Polls every service with `client` until each refuses it; the ms each took from `since`. */
  const refusedWithin = async (client: ApiClient, since: number) => {
    const took: Record<string, number> = {};
    await Promise.all(
      Object.entries(calls).map(([name, call]) =>
        waitFor(
          `${name} refusing the revoked key`,
          async () =>
            (await call(client)) === 401 ? (took[name] = Date.now() - since) : undefined,
          { timeoutMs: revocationBoundMs + 10_000, intervalMs: 100 },
        ),
      ),
    );
    return took;
  };

  it('refuses a key revoked through the API on the next call to every service, within the bound', async () => {
    const created = await admin.post('/v1/api-keys', { name: 'short-lived' });
    expect(created.status).toBe(201);
    const { id, key } = created.body as { id: string; key: string };
    const client = apiClient(gateway.url(''), key);
    // Every service has now cached the key's row: the case the bound is about.
    expect(await allStatuses(client)).toEqual({
      'leads-service': 200,
      dispatcher: 200,
      'lookup-service': 200,
    });

    const revokedAt = Date.now();
    expect((await admin.delete(`/v1/api-keys/${id}`)).status).toBe(200);
    // The service that revoked it refuses it at once.
    expect(await calls['leads-service'](client)).toBe(401);
    const took = await refusedWithin(client, revokedAt);
    for (const ms of Object.values(took))
      expect(ms).toBeLessThanOrEqual(revocationBoundMs + pollSlackMs);
    // The account's other key is untouched.
    expect(await allStatuses(admin)).toEqual({
      'leads-service': 200,
      dispatcher: 200,
      'lookup-service': 200,
    });
  });

  it('manages keys with `npm run keys`: create, list, revoke (refused everywhere within the bound)', async () => {
    const env = { DATABASE_URL: database.url };
    const created = await runLeadsCli(
      'keys',
      ['create', '--account', accountId, '--name', 'cli'],
      env,
    );
    expect(created).toMatchObject({ code: 0 });
    const { key_id: keyId, api_key: key } = cliValues(created.stdout);
    const client = apiClient(gateway.url(''), key);
    expect(await calls.dispatcher(client)).toBe(200);

    const listed = await runLeadsCli('keys', ['list', '--account', accountId], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(keyId);
    expect(listed.stdout).not.toContain(key);

    const revokedAt = Date.now();
    const revoked = await runLeadsCli(
      'keys',
      ['revoke', '--account', accountId, '--id', keyId],
      env,
    );
    expect(revoked.code).toBe(0);
    const took = await refusedWithin(client, revokedAt);
    // The CLI's process is not a service: every service learns of it through its cache TTL,
    // counted here from before the CLI started (its start-up is in the figure).
    expect(Object.keys(took).sort()).toEqual(Object.keys(calls).sort());
  });

  it.each([
    ['no command', ['--account', '00000000-0000-4000-8000-000000000000']],
    ['an unknown command', ['rotate', '--account', '00000000-0000-4000-8000-000000000000']],
    ['an account that is not a UUID', ['list', '--account', "x' OR 1=1"]],
    ['an unknown option', ['list', '--account', '00000000-0000-4000-8000-000000000000', '--all']],
  ])('refuses %s with usage and a non-zero exit, touching nothing', async (_case, args) => {
    const result = await runLeadsCli('keys', args, { DATABASE_URL: database.url });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/usage|unknown|Unknown option/);
  });

  const stateDir = process.env.LEADHOOKS_TEST_INFRA_STATE_DIR;
  (stateDir ? it : it.skip)(
    'finds the running stack’s database with no DATABASE_URL set (infra.sh env)',
    async () => {
      // As beside `npm start`: no DATABASE_URL, only where the stack keeps its state (and,
      // as this run's servers are on free ports, the port the operator would have set).
      const created = await runLeadsCli('create-account', ['--name', 'no-env'], {
        LEADHOOKS_STATE_DIR: String(stateDir),
        LEADHOOKS_PG_PORT: new URL(requireTestEnv('DATABASE_URL')).port,
      });
      expect(created).toMatchObject({ code: 0 });
      const { account_id: id } = cliValues(created.stdout);
      // infra.sh env names the run's own database: the account is there.
      const direct = new Client({ connectionString: requireTestEnv('DATABASE_URL') });
      await direct.connect();
      try {
        const rows = await direct.query(`SELECT name FROM auth.account WHERE id = $1`, [id]);
        expect(rows.rows).toEqual([{ name: 'no-env' }]);
      } finally {
        await direct.end();
      }
    },
  );
});
