import { WebhookHeaders } from '@leadhooks/contracts';
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
  type RecordedRequest,
  type TestDatabase,
} from '@leadhooks/testing';
import { verify } from '@leadhooks/webhook-signing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, expectStatus } from './support/webhooks-api';

/** Two dead letters in a row disable a webhook here (100 by default). */
const deadLettersInARow = 2;

interface OperationalBody {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

const bodyOf = (request: RecordedRequest) =>
  JSON.parse(request.body.toString('utf8')) as OperationalBody;

describe('persistent failure disables a webhook and tells the operational webhook (decision 065)', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  const receivers: Receiver[] = [];

  const receiver = async (status: number) => {
    const started = await startHttpsReceiver(tls, (_req, res) => res.writeHead(status).end());
    receivers.push(started);
    return started;
  };

  const account = async (name: string): Promise<{ api: ApiClient; accountId: string }> => {
    const key = await service.createAccount(name);
    return { api: apiClient(service.baseUrl, key.key), accountId: key.accountId };
  };

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-operational');
    database = await createTestDatabase('dispatcher_operational');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: '200ms,200ms,200ms',
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        DISPATCHER_RETRY_POLL_MS: '100',
        WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: String(deadLettersInARow),
      },
      { ca: tls.ca },
    );
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await Promise.all(receivers.map((r) => r.close()));
    await database?.drop();
  });

  it('disables after N dead letters in a row; the operational webhook gets signed, verifiable events', async () => {
    const { api, accountId } = await account('operational');
    const ops = await receiver(204);
    const set = expectStatus(
      await api.request('PUT', '/v1/operational-webhook', {
        json: { url: ops.url('/ops'), headers: { 'X-Ops': 'token' } },
      }),
      200,
    ).body;
    expect(set).toMatchObject({
      url: ops.url('/ops'),
      headers: { 'X-Ops': '********' },
      events: ['webhook.disabled', 'delivery.dead_lettered'],
    });
    const { secret } = expectStatus(await api.get('/v1/operational-webhook/secret'), 200).body as {
      secret: string;
    };

    const failing = await receiver(500);
    const webhook = await createWebhook(api, { name: 'broken', url: failing.url('/in') });
    for (let i = 0; i < deadLettersInARow; i += 1) {
      await upstream.saveLead(saveLeadEvent(accountId, `broken${i}@example.test`));
      // One at a time, so that "in a row" is the order they were dead-lettered in.
      await waitFor(
        'the attempts',
        () => (failing.requests.length >= 4 * (i + 1) ? true : undefined),
        {
          timeoutMs: 30_000,
        },
      );
    }

    const disabled = await waitFor(
      'the webhook.disabled event',
      () => ops.requests.find((request) => bodyOf(request).type === 'webhook.disabled'),
      { timeoutMs: 30_000 },
    );
    expect(verify({ headers: disabled.headers, body: disabled.body, secret })).toMatchObject({
      ok: true,
    });
    expect(disabled.headers['x-ops']).toBe('token');
    expect(disabled.headers[WebhookHeaders.eventType]).toBe('webhook.disabled');
    const view = expectStatus(await api.get(`/v1/webhooks/${webhook.id}`), 200).body as {
      enabled: boolean;
      disabled_reason: string;
      disabled_at: string;
    };
    expect(view.enabled).toBe(false);
    expect(view.disabled_reason).toBe('2 deliveries in a row were dead-lettered');
    expect(bodyOf(disabled).data).toMatchObject({
      webhook_id: webhook.id,
      reason: view.disabled_reason,
      disabled_at: view.disabled_at,
      consecutive_dead_letters: 2,
    });
    const failedIds = new Set(failing.requests.map((r) => String(r.headers[WebhookHeaders.id])));
    expect(failedIds.has(String(bodyOf(disabled).data.delivery_id))).toBe(true);

    const deadLettered = await waitFor('both delivery.dead_lettered events', () => {
      const found = ops.requests.filter((r) => bodyOf(r).type === 'delivery.dead_lettered');
      return found.length >= deadLettersInARow ? found : undefined;
    });
    for (const request of deadLettered) {
      expect(verify({ headers: request.headers, body: request.body, secret }).ok).toBe(true);
      const data = bodyOf(request).data;
      expect(data).toMatchObject({ webhook_id: webhook.id, event_type: 'save_lead', attempts: 4 });
      expect(failedIds.has(String(data.delivery_id))).toBe(true);
      expect(String(data.reason)).toContain('no retries left');
    }

    // The disabled webhook gets nothing more.
    await upstream.saveLead(saveLeadEvent(accountId, 'after@example.test'));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(failing.requests).toHaveLength(4 * deadLettersInARow);

    // Re-enabled, it starts a fresh history.
    const enabled = expectStatus(
      await api.patch(`/v1/webhooks/${webhook.id}`, { enabled: true }),
      200,
    ).body as { enabled: boolean; disabled_reason: string | null; disabled_at: string | null };
    expect(enabled).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });
  });

  it('never tells the operational webhook about its own failures (no loops)', async () => {
    const { api, accountId } = await account('operational-loop');
    const ops = await receiver(500);
    expectStatus(
      await api.request('PUT', '/v1/operational-webhook', { json: { url: ops.url('/ops') } }),
      200,
    );
    const failing = await receiver(500);
    await createWebhook(api, { name: 'broken', url: failing.url('/in') });
    await upstream.saveLead(saveLeadEvent(accountId, 'loop@example.test'));
    // The dead letter's event: 4 attempts at the failing operational webhook, then its own
    // dead letter, which raises nothing.
    await waitFor('the operational attempts', () => (ops.requests.length >= 4 ? true : undefined), {
      timeoutMs: 30_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(ops.requests).toHaveLength(4);
    expect(new Set(ops.requests.map((r) => r.headers[WebhookHeaders.id])).size).toBe(1);
    expect(bodyOf(ops.requests[0]).type).toBe('delivery.dead_lettered');
  });

  it('manages the operational webhook: 404 before set, validation naming the field, secret rotation, delete, account isolation', async () => {
    const { api } = await account('operational-api');
    const other = await account('operational-other');
    expectStatus(await api.get('/v1/operational-webhook'), 404);
    expectStatus(await api.get('/v1/operational-webhook/secret'), 404);
    expectStatus(await api.post('/v1/operational-webhook/secret/rotate', {}), 404);
    expectStatus(await api.delete('/v1/operational-webhook'), 404);

    const bad = [
      [{ url: 'ftp://ops.example.test/in' }, 'url'],
      [
        { url: 'https://ops.example.test/in', headers: { 'X-Token': 'a\u2028b' } },
        'headers.X-Token',
      ],
      [
        { url: 'https://ops.example.test/in', headers: { 'webhook-id': 'forged' } },
        'headers.webhook-id',
      ],
      [{ url: 'https://ops.example.test/in', secret: 'whsec_mine' }, undefined],
      [{}, 'url'],
    ] as const;
    for (const [json, field] of bad) {
      const refused = await api.request('PUT', '/v1/operational-webhook', { json });
      expect(refused.status).toBe(400);
      if (field !== undefined) expect((refused.body as { field?: string }).field).toBe(field);
    }
    const raw = await api.request('PUT', '/v1/operational-webhook', { raw: '{"url":' });
    expect(raw.status).toBe(400);
    const anonymous = apiClient(service.baseUrl);
    expectStatus(await anonymous.get('/v1/operational-webhook'), 401);

    expectStatus(
      await api.request('PUT', '/v1/operational-webhook', {
        json: { url: 'https://ops.example.test/a' },
      }),
      200,
    );
    const first = (
      expectStatus(await api.get('/v1/operational-webhook/secret'), 200).body as {
        secret: string;
      }
    ).secret;
    expect(first).toMatch(/^whsec_/);
    // A second PUT changes the URL and keeps the secret.
    expectStatus(
      await api.request('PUT', '/v1/operational-webhook', {
        json: { url: 'https://ops.example.test/b' },
      }),
      200,
    );
    expect((await api.get('/v1/operational-webhook')).body).toMatchObject({
      url: 'https://ops.example.test/b',
    });
    expect((await api.get('/v1/operational-webhook/secret')).body).toMatchObject({ secret: first });
    const rotated = expectStatus(await api.post('/v1/operational-webhook/secret/rotate', {}), 200)
      .body as { secret: string; previous_secret_expires_at: string };
    expect(rotated.secret).not.toBe(first);
    expect(Date.parse(rotated.previous_secret_expires_at)).toBeGreaterThan(Date.now());

    expectStatus(await other.api.get('/v1/operational-webhook'), 404);
    expectStatus(await api.delete('/v1/operational-webhook'), 204);
    expectStatus(await api.get('/v1/operational-webhook'), 404);
  });
});

describe('a webhook whose every attempt fails for the configured time is disabled (decision 065)', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-operational-time');
    database = await createTestDatabase('dispatcher_operational_time');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: '1s,1s,1s',
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        DISPATCHER_RETRY_POLL_MS: '100',
        // Failing for 2 s disables; the count of dead letters (default 100) is never reached.
        WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: '2',
      },
      { ca: tls.ca },
    );
  });

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await Promise.all(receivers.map((r) => r.close()));
    await database?.drop();
  });

  it('disables it mid-schedule, sends nothing more, and tells with a verifiable event', async () => {
    const key = await service.createAccount('operational-time');
    const api = apiClient(service.baseUrl, key.key);
    const ops = await startHttpsReceiver(tls, (_req, res) => res.writeHead(200).end());
    const failing = await startHttpsReceiver(tls, (_req, res) => res.writeHead(503).end());
    receivers.push(ops, failing);
    expectStatus(
      await api.request('PUT', '/v1/operational-webhook', { json: { url: ops.url('/ops') } }),
      200,
    );
    const { secret } = expectStatus(await api.get('/v1/operational-webhook/secret'), 200).body as {
      secret: string;
    };
    const webhook = await createWebhook(api, { name: 'down', url: failing.url('/in') });
    await upstream.saveLead(saveLeadEvent(key.accountId, 'down@example.test'));

    const disabled = await waitFor(
      'the webhook.disabled event',
      () => ops.requests.find((request) => bodyOf(request).type === 'webhook.disabled'),
      { timeoutMs: 30_000 },
    );
    expect(verify({ headers: disabled.headers, body: disabled.body, secret }).ok).toBe(true);
    const data = bodyOf(disabled).data;
    expect(data).toMatchObject({ webhook_id: webhook.id, consecutive_dead_letters: 0 });
    expect(String(data.reason)).toBe(`every attempt failed since ${String(data.failing_since)}`);
    // Attempt 1 at 0 s, 2 at 1 s, 3 at 2 s: normally the third is the one judged 2 s after
    // the first failed (the second, if its retry ran late); never the fourth.
    const attempts = failing.requests.length;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThanOrEqual(3);
    const view = expectStatus(await api.get(`/v1/webhooks/${webhook.id}`), 200).body as {
      enabled: boolean;
      disabled_reason: string;
    };
    expect(view).toMatchObject({ enabled: false, disabled_reason: data.reason });
    // The next attempt (due 1 s later) is cancelled: the webhook is disabled.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(failing.requests).toHaveLength(attempts);
  });
});
