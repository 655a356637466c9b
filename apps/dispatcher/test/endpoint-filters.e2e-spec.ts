import type { SaveLeadEvent } from '@leadhooks/contracts';
import { parseExposition, sumOf } from '@leadhooks/metrics';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  fullLead,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { someOf } from './support/signature-checks';
import { createWebhook, expectStatus } from './support/webhooks-api';

/** Issue 23 item 3 end to end (decision 076): a filter sends only matching leads. */
describe('webhook filters at fan-out', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let upstream: UpstreamEvents;
  let service: DispatcherTestApp;
  let receiver: Receiver;
  let api: ApiClient;
  let accountId: string;

  const arrivals = (path: string) => receiver.requests.filter((request) => request.url === path);
  const lead = (email: string, score: number, website: string): SaveLeadEvent => ({
    ...saveLeadEvent(accountId, email),
    payload: { data: fullLead(email, { score, website }) },
  });

  beforeAll(async () => {
    const namespace = uniqueName('endpoint-filters');
    database = await createTestDatabase('endpoint_filters');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (_request, response) => response.writeHead(204).end());
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      },
      { ca: tls.ca },
    );
    const issued = await service.createAccount('filters');
    accountId = issued.accountId;
    api = apiClient(service.baseUrl, issued.key);
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('delivers only the leads that match the filter, and counts the others', async () => {
    const filter = {
      all: [
        { path: 'data.score', gte: 50 },
        { path: 'data.website', ends_with: '.io' },
      ],
    };
    const webhook = await createWebhook(api, {
      name: 'filtered',
      url: receiver.url('/filtered'),
      filter,
    });
    expect(webhook).toMatchObject({ filter });
    const leads = [
      lead('match1@example.test', 50, 'acme.io'),
      lead('low@example.test', 49, 'acme.io'),
      lead('com@example.test', 90, 'acme.com'),
      lead('match2@example.test', 99, 'b.io'),
    ];
    await upstream.saveLead(...leads);
    // Each event is either filtered out (counted) or delivered: once 2 arrived and 2 were
    // counted, all four were fanned out and nothing more can come.
    const scrape = async () =>
      parseExposition(await (await fetch(`${service.baseUrl}/metrics`)).text());
    await waitFor('two filtered-out leads counted', async () =>
      sumOf(await scrape(), 'leadhooks_fanout_filtered_total', {}) >= 2 ? true : undefined,
    );
    await waitFor('both matching leads', () => someOf(arrivals('/filtered'), 2));
    const emails = arrivals('/filtered').map(
      (request) =>
        (JSON.parse(request.body.toString('utf8')) as { data: { email: string } }).data.email,
    );
    expect(emails.sort()).toEqual(['match1@example.test', 'match2@example.test']);
    expect(sumOf(await scrape(), 'leadhooks_fanout_filtered_total', {})).toBe(2);

    // Without the filter, the next lead that did not match is delivered again.
    expectStatus(await api.patch(`/v1/webhooks/${webhook.id}`, { filter: null }), 200);
    await upstream.saveLead(lead('low2@example.test', 1, 'x.test'));
    await waitFor('the unfiltered lead', () => someOf(arrivals('/filtered'), 3));
  });
});
