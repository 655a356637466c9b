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
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import { startLookupTestApp, type LookupTestApp } from './support/lookup-test-app';

const outageMs = 10_000;

/**
 * Issue 15: while Postgres is down every lookup that needs it answers 503 with
 * Retry-After in the one error shape, never a 500; once it is back the same process
 * serves again. The server is this spec's own (PrivatePostgres).
 */
describe('lookup-service while Postgres is down', () => {
  let postgres: PrivatePostgres;
  let dns: TestDnsServer;
  let service: LookupTestApp;
  let api: ApiClient;
  let during: ProbeResult[];

  beforeAll(async () => {
    postgres = await PrivatePostgres.start();
    dns = await startTestDnsServer({ 'acme.test': 'nodata' });
    service = await startLookupTestApp({
      DATABASE_URL: await postgres.createDatabase('lookup_outage'),
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('lookup_outage'),
      LOOKUP_DNS_SERVERS: dns.address,
    });
    api = apiClient(service.baseUrl, (await service.createAccount('outage')).key);
    expect((await api.get('/v1/domain-search?domain=acme.test')).status).toBe(200);

    // The last probe's key is in no cache: authenticating it needs Postgres.
    during = await probeThroughOutage(postgres, outageMs, [
      () => api.get('/v1/domain-search?domain=acme.test'),
      () => api.get('/v1/phone-finder?domain=acme.test'),
      () => unknownKeyClient(service.baseUrl).get('/v1/phone-validator?phone=%2B442079460000'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await dns?.close();
    await postgres?.destroy();
  });

  it('answered 503 with Retry-After and the error shape, never a 500', () => {
    expect(outageProblems(during)).toEqual([]);
    const unavailable = during.filter((r) => r.status === 503);
    expect(unavailable.length).toBeGreaterThan(during.length / 2);
    expect(new Set(unavailable.map((r) => r.probe))).toEqual(new Set([0, 1, 2]));
  });

  it('serves again without a restart', async () => {
    await waitFor(
      'the lookups to answer 200 again',
      async () =>
        (await api.get('/v1/domain-search?domain=acme.test')).status === 200 ? true : undefined,
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect((await apiClient(service.baseUrl).get('/health/ready')).status).toBe(200);
  });
});
