import {
  apiClient,
  outageProblems,
  PrivatePostgres,
  probeThroughOutage,
  requireTestEnv,
  uniqueName,
  unknownKeyClient,
  waitFor,
  type ApiClient,
  type ProbeResult,
} from '@leadhooks/testing';
import { startLeadsTestApp, type LeadsTestApp } from './support/leads-test-app';

const outageMs = 10_000;

/**
 * Issue 15: while Postgres is down every API answer is a 503 with Retry-After in the one
 * error shape, never a 500; once it is back the same process serves again. The server is
 * this spec's own (PrivatePostgres), so stopping it disturbs no other spec.
 */
describe('leads-service while Postgres is down', () => {
  let postgres: PrivatePostgres;
  let service: LeadsTestApp;
  let api: ApiClient;
  let during: ProbeResult[];

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    service = await startLeadsTestApp({
      DATABASE_URL: await postgres.createDatabase('leads_outage'),
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('leads_outage'),
    });
    api = apiClient(service.baseUrl, (await service.createAccount('outage')).key);
    expect((await api.post('/v1/leads', { email: 'before@example.test' })).status).toBe(201);

    // The last probe's key is in no cache: authenticating it needs Postgres.
    during = await probeThroughOutage(postgres, outageMs, [
      () => api.get('/v1/leads'),
      () => api.post('/v1/leads', { email: `${uniqueName('during')}@example.test` }),
      () => unknownKeyClient(service.baseUrl).get('/v1/leads'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await postgres?.destroy();
  });

  it('answered 503 with Retry-After and the error shape, never a 500', () => {
    expect(outageProblems(during)).toEqual([]);
    const unavailable = during.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(during.length / 2);
    // Every kind of request was refused so, authentication included.
    expect(new Set(unavailable.map((r) => r.probe))).toEqual(new Set([0, 1, 2]));
  });

  it('serves again without a restart, and the outbox publishes what was saved after', async () => {
    await waitFor(
      'the leads API to answer 200 again',
      async () => ((await api.get('/v1/leads')).status === 200 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((await api.post('/v1/leads', { email: 'after@example.test' })).status).toBe(201);
    expect((await apiClient(service.baseUrl).get('/health/ready')).status).toBe(200);
    await waitFor(
      'the outbox to be drained',
      async () => {
        const [{ pending }] = (await service.dataSource.query(
          'SELECT count(*)::int AS pending FROM leads.outbox WHERE sent_at IS NULL',
        )) as { pending: number }[];
        return pending === 0 ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
