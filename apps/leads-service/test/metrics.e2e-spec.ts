import { parseExposition, sumOf, type MetricSample } from '@leadhooks/metrics';
import {
  apiClient,
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@leadhooks/testing';
import { fullLead } from './support/fixtures';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';

const scrape = async (service: LeadsTestApp): Promise<MetricSample[]> => {
  const response = await fetch(`${service.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return parseExposition(await response.text());
};

describe('leads-service /metrics', () => {
  let database: TestDatabase;
  let writer: LeadsTestApp;
  let publisher: LeadsTestApp | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    const namespace = uniqueName('leads_metrics');
    database = await createTestDatabase('leads_metrics');
    await (await testKafkaClient(testKafkaBrokers(), namespace)).shutdown();
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    };
    // Writes only: its events stay in the outbox until a publishing instance starts.
    writer = await startLeadsTestApp({ ...env, OUTBOX_PUBLISHER_ENABLED: 'false' });
  });

  afterAll(async () => {
    await publisher?.close();
    await writer?.close();
    await database?.drop();
  });

  it('shows the outbox backlog growing while nothing publishes, then draining and counted', async () => {
    const key = await writer.createAccount('metrics');
    const api = apiClient(writer.baseUrl, key.key);
    expect(sumOf(await scrape(writer), 'leadhooks_outbox_backlog')).toBe(0);

    for (const email of ['ada@example.test', 'grace@example.test']) {
      expect((await api.post('/v1/leads', fullLead(email))).status).toBe(201);
    }
    await api.get('/v1/leads/00000000-0000-4000-8000-000000000000');
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // let the oldest row age
    const pending = await scrape(writer);
    expect(sumOf(pending, 'leadhooks_outbox_backlog', { service: 'leads-service' })).toBe(2);
    expect(sumOf(pending, 'leadhooks_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(1);
    expect(
      sumOf(pending, 'leadhooks_http_requests_total', {
        method: 'POST',
        route: '/v1/leads',
        status: '201',
      }),
    ).toBe(2);
    expect(
      sumOf(pending, 'leadhooks_http_requests_total', { route: '/v1/leads/:id', status: '404' }),
    ).toBe(1);

    publisher = await startLeadsTestApp(env);
    const drained = await waitFor(
      'the publisher to drain the outbox',
      async () => {
        const samples = await scrape(publisher as LeadsTestApp);
        return sumOf(samples, 'leadhooks_outbox_published_total') === 2 ? samples : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(sumOf(drained, 'leadhooks_outbox_backlog')).toBe(0);
    expect(sumOf(drained, 'leadhooks_outbox_oldest_pending_seconds')).toBe(0);
    // The backlog is Postgres's truth, whichever instance is asked.
    expect(sumOf(await scrape(writer), 'leadhooks_outbox_backlog')).toBe(0);
    expect(sumOf(await scrape(writer), 'leadhooks_outbox_published_total')).toBe(0);
  });
});
