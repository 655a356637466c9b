import { Writable } from 'node:stream';
import { AccountsService } from '@leadhooks/auth';
import { createLogger } from '@leadhooks/http';
import { parseExposition, sumOf, type MetricSample } from '@leadhooks/metrics';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createDispatcherApp } from '../src/app/create-app';
import { dispatcherConfig } from '../src/config/dispatcher.config';
import { lookupCompleted, saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, delivery, expectStatus, webhookSecret } from './support/webhooks-api';

/** Every line the service logs, at every level, as parsed JSON. */
function logCapture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'dispatcher', level: 'trace', destination }) };
}

describe('dispatcher /metrics and logs', () => {
  const tls = createTestCertificates();
  const logs = logCapture();
  let database: TestDatabase;
  let upstream: UpstreamEvents;
  let app: NestExpressApplication;
  let baseUrl: string;
  let ok: Receiver;
  let failing: Receiver;
  let api: ApiClient;
  let apiKey: string;
  let accountId: string;

  const scrape = async (): Promise<MetricSample[]> => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };
  /** Waits until `name{labels}` (summed) reaches `atLeast`; returns the samples of that scrape. */
  const waitForMetric = (name: string, labels: Record<string, string>, atLeast: number) =>
    waitFor(
      `${name}${JSON.stringify(labels)} >= ${atLeast}`,
      async () => {
        const samples = await scrape();
        return sumOf(samples, name, labels) >= atLeast ? samples : undefined;
      },
      { timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-metrics');
    database = await createTestDatabase('dispatcher_metrics');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    ok = await startHttpsReceiver(tls, (_request, response) => response.writeHead(204).end());
    failing = await startHttpsReceiver(tls, (_request, response) => response.writeHead(500).end());
    const config = dispatcherConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_RETRY_DELAYS: '100ms,100ms,100ms',
      WEBHOOK_RETRY_JITTER_RATIO: '0',
      DISPATCHER_RETRY_POLL_MS: '100',
    });
    ({ app } = await createDispatcherApp(config, {
      logger: logs.logger,
      outbound: { ca: tls.ca },
    }));
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const issued = await new AccountsService(app.get(DataSource)).createAccountWithKey('metrics');
    apiKey = issued.apiKey.key;
    accountId = issued.apiKey.accountId;
    api = apiClient(baseUrl, apiKey);
  });

  afterAll(async () => {
    await upstream?.close();
    await app?.close();
    await ok?.close();
    await failing?.close();
    await database?.drop();
  });

  it('serves Prometheus text without an API key, labelled with the service, outside the OpenAPI document', async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const samples = parseExposition(await response.text());
    expect(
      sumOf(samples, 'leadhooks_process_cpu_seconds_total', { service: 'dispatcher' }),
    ).toBeGreaterThan(0);
    const openApi = expectStatus(await api.get('/docs-json'), 200).body as { paths: object };
    expect(Object.keys(openApi.paths)).not.toContain('/metrics');
  });

  it('counts HTTP requests by route pattern, never by raw URL', async () => {
    // Well-formed ids that name nothing (a malformed one is a 400 before the route runs).
    await api.get(`/v1/deliveries/msg_${'a'.repeat(26)}`);
    await api.get(`/v1/deliveries/msg_${'b'.repeat(26)}`);
    await api.get('/nowhere/at/all');
    const samples = await waitForMetric(
      'leadhooks_http_requests_total',
      { route: 'unmatched', status: '404' },
      1,
    );
    expect(
      sumOf(samples, 'leadhooks_http_requests_total', {
        method: 'GET',
        route: '/v1/deliveries/:id',
        status: '404',
      }),
    ).toBe(2);
    expect(
      sumOf(samples, 'leadhooks_http_request_duration_seconds_count', {
        route: '/v1/deliveries/:id',
      }),
    ).toBe(2);
    const routes = samples
      .filter((sample) => sample.name === 'leadhooks_http_requests_total')
      .map((sample) => sample.labels.route);
    expect(
      routes.some((route) => route.includes('msg_') || route.includes('nowhere')),
    ).toBe(false);
  });

  it('moves delivered, the attempt histogram and fan-out for a delivery, and shows consumer lag', async () => {
    await createWebhook(api, { name: 'ok', url: ok.url('/ok'), events: ['save_lead'] });
    await upstream.saveLead(saveLeadEvent(accountId, 'ada@example.test'));
    await upstream.lookup(lookupCompleted(accountId, ok.url('/lookup')));
    const samples = await waitForMetric('leadhooks_deliveries_total', { outcome: 'delivered' }, 2);
    expect(sumOf(samples, 'leadhooks_fanout_deliveries_total', { source: 'save_lead' })).toBe(1);
    expect(sumOf(samples, 'leadhooks_fanout_deliveries_total', { source: 'lookup' })).toBe(1);
    expect(
      sumOf(samples, 'leadhooks_delivery_attempt_duration_seconds_count', { outcome: 'success' }),
    ).toBe(2);
    expect(
      sumOf(samples, 'leadhooks_delivery_attempt_duration_seconds_bucket', {
        outcome: 'success',
        le: '+Inf',
      }),
    ).toBe(2);
    const lag = samples.filter((sample) => sample.name === 'leadhooks_kafka_consumer_lag');
    expect(new Set(lag.map((sample) => sample.labels.group))).toEqual(
      new Set(['dispatcher-fanout', 'dispatcher-deliveries', 'dispatcher-retries']),
    );
    expect(
      lag.find((sample) => sample.labels.topic === 'webhooks.deliveries.retry.1'),
    ).toBeDefined();
    expect(sumOf(samples, 'leadhooks_kafka_consumer_lag_scrape_errors_total')).toBe(0);
  });

  it('moves retries on each rung, then a dead letter, then a replay', async () => {
    const webhook = await createWebhook(api, {
      name: 'failing',
      url: failing.url('/fail'),
      events: ['save_lead'],
    });
    const event = saveLeadEvent(accountId, 'grace@example.test');
    await upstream.saveLead(event);
    const samples = await waitForMetric(
      'leadhooks_dead_letters_total',
      { reason: 'attempts_exhausted' },
      1,
    );
    // Labelled by the tier topic each retry was written to: 100 ms waits go to the 1 s tier.
    expect(
      sumOf(samples, 'leadhooks_delivery_retries_total', {
        topic: 'webhooks.deliveries.retry-in.1s',
      }),
    ).toBe(3);
    expect(sumOf(samples, 'leadhooks_delivery_retries_total')).toBe(3);
    expect(sumOf(samples, 'leadhooks_deliveries_total', { outcome: 'retry' })).toBe(3);
    expect(sumOf(samples, 'leadhooks_deliveries_total', { outcome: 'dead_lettered' })).toBe(1);
    expect(
      sumOf(samples, 'leadhooks_delivery_attempt_duration_seconds_count', {
        outcome: 'http_error',
      }),
    ).toBe(4);

    const dead = (await api.get('/v1/dead-letters', { query: { webhook_id: webhook.id } }))
      .body as { data: { delivery_id: string }[] };
    expect(dead.data).toHaveLength(1);
    expectStatus(await api.post(`/v1/dead-letters/${dead.data[0].delivery_id}/replay`, {}), 202);
    await waitForMetric('leadhooks_dead_letter_replays_total', {}, 1);
    await waitFor('the replayed delivery', async () =>
      ((await delivery(api, dead.data[0].delivery_id))?.attempts_log.length ?? 0) >= 5
        ? true
        : undefined,
    );
  });

  it('logs deliveries with their ids, and never a header value, a secret or an API key', async () => {
    const headerValue = `header-value-${uniqueName('h')}`;
    const webhook = await createWebhook(api, {
      name: 'with-headers',
      url: ok.url('/headers'),
      events: ['save_lead'],
      headers: { 'X-Customer-Token': headerValue },
    });
    const secret = await webhookSecret(api, webhook.id);
    await upstream.saveLead(saveLeadEvent(accountId, 'hopper@example.test'));
    await waitFor('the delivery with a custom header', () =>
      ok.requests.find((request) => request.headers['x-customer-token'] === headerValue),
    );
    const accountSecret = (
      expectStatus(await api.get('/v1/webhook-url/secret'), 200).body as {
        secret: string;
      }
    ).secret;

    // The line follows the durable outcome, a moment after the receiver answered.
    const attempts = await waitFor('the delivery attempt logged', () => {
      const found = logs.lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((line) => line.msg === 'delivery attempt' && line.webhookId === webhook.id);
      return found.length > 0 ? found : undefined;
    });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      eventId: expect.any(String),
      deliveryId: expect.stringMatching(/^msg_/),
      accountId,
      attempt: 1,
      decision: 'delivered',
    });
    const requests = logs.lines.filter((line) => line.includes('"msg":"request"'));
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.every((line) => /"requestId":"[^"]+"/.test(line))).toBe(true);

    const everything = logs.lines.join('\n');
    for (const unwanted of [headerValue, secret, accountSecret, apiKey]) {
      expect(everything).not.toContain(unwanted);
    }
    expect(everything).not.toContain('whsec_');
  });
});
