import { randomUUID } from 'node:crypto';
import { parseExposition, sumOf, type MetricSample } from '@leadhooks/metrics';
import {
  apiClient,
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type TestDatabase,
} from '@leadhooks/testing';
import {
  saveLeadEvent,
  startLookupTestApp,
  TestKafka,
  type LookupTestApp,
} from './support/lookup-test-app';

describe('lookup-service /metrics', () => {
  let database: TestDatabase;
  let kafka: TestKafka;
  let service: LookupTestApp;
  let api: ApiClient;
  let accountId: string;

  const scrape = async (): Promise<MetricSample[]> => {
    const response = await fetch(`${service.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };

  beforeAll(async () => {
    const namespace = uniqueName('lookup_metrics');
    database = await createTestDatabase('lookup_metrics');
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    service = await startLookupTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    });
    const key = await service.createAccount('metrics');
    accountId = key.accountId;
    api = apiClient(service.baseUrl, key.key);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await database?.drop();
  });

  it('counts lookups by endpoint and status, refused input included, and webhook_url hand-offs', async () => {
    const ok = await api.get('/v1/phone-validator', {
      query: { phone: '+44 20 7946 0958', webhook_url: 'https://hooks.test/phones' },
    });
    expect(ok.status).toBe(200);
    await kafka.waitForCompleted(ok.headers.get('x-request-id') ?? '');
    expect(
      (await api.get('/v1/phone-validator', { query: { phone: '+44 20 7946 0958' } })).status,
    ).toBe(200);
    expect((await api.get('/v1/phone-validator')).status).toBe(400);
    const refusedUrl = await api.get('/v1/phone-validator', {
      query: { phone: '+44 20 7946 0958', webhook_url: 'http://hooks.test/plain-http' },
    });
    expect(refusedUrl.status).toBe(400);

    const samples = await waitFor('the last lookup counted', async () => {
      const scraped = await scrape();
      return sumOf(scraped, 'leadhooks_lookups_total', { status: '400' }) === 2
        ? scraped
        : undefined;
    });
    const lookups = (labels: Record<string, string>) =>
      sumOf(samples, 'leadhooks_lookups_total', { endpoint: 'phone-validator', ...labels });
    expect(lookups({ status: '200' })).toBe(2);
    expect(lookups({ status: '400' })).toBe(2);
    expect(
      sumOf(samples, 'leadhooks_lookup_webhooks_published_total', { endpoint: 'phone-validator' }),
    ).toBe(1);
    expect(
      sumOf(samples, 'leadhooks_http_requests_total', {
        route: '/v1/phone-validator',
        service: 'lookup-service',
      }),
    ).toBe(4);
  });

  it('shows the directory consumer’s lag per partition, back to zero once it caught up', async () => {
    await kafka.publishLeads([
      saveLeadEvent(accountId, randomUUID(), 1, { email: 'ada@acme.test', first_name: 'Ada' }),
    ]);
    const samples = await waitFor('the directory consumer to catch up', async () => {
      const scraped = await scrape();
      const lag = scraped.filter((sample) => sample.name === 'leadhooks_kafka_consumer_lag');
      const total = await api.get('/v1/domain-search', { query: { domain: 'acme.test' } });
      return lag.length > 0 &&
        lag.every((sample) => sample.value === 0) &&
        (total.body as { total?: number }).total === 1
        ? scraped
        : undefined;
    });
    const lag = samples.filter((sample) => sample.name === 'leadhooks_kafka_consumer_lag');
    expect(lag.every((sample) => sample.labels.group === 'lookup-service.directory')).toBe(true);
    expect(lag.every((sample) => sample.labels.topic === 'leads.save_lead')).toBe(true);
    expect(sumOf(samples, 'leadhooks_kafka_consumer_lag_scrape_errors_total')).toBe(0);
  });
});
