import {
  apiClient,
  outageProblems,
  PrivatePostgres,
  probeThroughOutage,
  testKafkaBrokers,
  uniqueName,
  unknownKeyClient,
  waitFor,
  type ApiClient,
  type ProbeResult,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';

const outageMs = 10_000;

/**
 * Issue 15: while Postgres is down every API answer is a 503 with Retry-After in the one
 * error shape, never a 500; once it is back the same process serves again. The server is
 * this spec's own (PrivatePostgres), so stopping it disturbs no other spec. The API
 * alone runs here (DISPATCHER_CONSUMERS=none).
 */
describe('dispatcher API while Postgres is down', () => {
  let postgres: PrivatePostgres;
  let service: DispatcherTestApp;
  let api: ApiClient;
  let during: ProbeResult[];

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    service = await startDispatcherTestApp({
      DATABASE_URL: await postgres.createDatabase('dispatcher_outage'),
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-outage'),
      DISPATCHER_CONSUMERS: 'none',
    });
    api = apiClient(service.baseUrl, (await service.createAccount('outage')).key);
    const webhook = { url: 'https://hooks.example.test/in' };
    expect((await api.post('/v1/webhooks', { ...webhook, name: 'before' })).status).toBe(201);

    // The last probe's key is in no cache: authenticating it needs Postgres.
    during = await probeThroughOutage(postgres, outageMs, [
      () => api.get('/v1/webhooks'),
      () => api.post('/v1/webhooks', { ...webhook, name: uniqueName('during') }),
      () => api.get(`/v1/deliveries/msg_${'a'.repeat(26)}`),
      () => unknownKeyClient(service.baseUrl).get('/v1/webhooks'),
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
    expect(new Set(unavailable.map((r) => r.probe))).toEqual(new Set([0, 1, 2, 3]));
  });

  it('serves again without a restart', async () => {
    await waitFor(
      'the webhooks API to answer 200 again',
      async () => ((await api.get('/v1/webhooks')).status === 200 ? true : undefined),
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(
      (await api.post('/v1/webhooks', { url: 'https://hooks.example.test/in', name: 'after' }))
        .status,
    ).toBe(201);
    expect((await apiClient(service.baseUrl).get('/health/ready')).status).toBe(200);
  });
});
