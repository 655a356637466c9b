import { Topics, WebhookHeaders, type DeadLetterMessage } from '@leadhooks/contracts';
import type { RunningConsumer } from '@leadhooks/kafka';
import {
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import {
  createWebhook,
  delivery,
  expectStatus,
  type DeliveryDetail,
  type WebhookView,
} from './support/webhooks-api';

// Short, jitter-free ladder so the growth of the gaps is visible in seconds.
const retryDelaysMs = [200, 400, 800];
const timeoutMs = 1_500;
const maxResponseBytes = 1_024;

describe('retries, dead letters, replay and receivers that misbehave', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let dlq: { messages: DeadLetterMessage[]; consumer: RunningConsumer };
  let api: ApiClient;
  let accountId: string;
  const receivers: Receiver[] = [];

  const receiver = async (handler: Parameters<typeof startHttpsReceiver>[1]) => {
    const started = await startHttpsReceiver(tls, handler);
    receivers.push(started);
    return started;
  };

  /** Creates a webhook to `target`, publishes one event for it and returns the webhook. */
  const deliverOneTo = async (target: Receiver, name: string): Promise<WebhookView> => {
    const webhook = await createWebhook(api, { name, url: target.url(`/${name}`) });
    await upstream.saveLead(saveLeadEvent(accountId, `${name}@example.test`));
    return webhook;
  };

  const settled = (id: string, status: string, attempts?: number) =>
    waitFor(
      `delivery ${id} ${status}`,
      async () => {
        const found = await delivery(api, id);
        return found?.status === status &&
          (attempts === undefined || found.attempts_log.length >= attempts)
          ? found
          : undefined;
      },
      { timeoutMs: 30_000 },
    );

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-failures');
    database = await createTestDatabase('dispatcher_failures');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    dlq = await upstream.collect(Topics.deliveriesDlq);
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: retryDelaysMs.map((ms) => `${ms}ms`).join(','),
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        WEBHOOK_TIMEOUT_MS: String(timeoutMs),
        WEBHOOK_MAX_RESPONSE_BYTES: String(maxResponseBytes),
        DISPATCHER_RETRY_POLL_MS: '100',
      },
      { ca: tls.ca },
    );
    const key = await service.createAccount('failures');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
  });

  afterAll(async () => {
    await dlq?.consumer.stop();
    await upstream?.close();
    await service?.close();
    await Promise.all(receivers.map((r) => r.close()));
    await database?.drop();
  });

  it('makes exactly 4 attempts with growing gaps, dead-letters, and a replay delivers with the same webhook-id', async () => {
    let healthy = false;
    const arrivals: number[] = [];
    const target = await receiver((_req, res) => {
      arrivals.push(Date.now());
      res.writeHead(healthy ? 200 : 500).end(healthy ? 'ok' : 'boom');
    });
    const webhook = await deliverOneTo(target, 'flaky');

    await waitFor('4 attempts', () => (target.requests.length >= 4 ? true : undefined), {
      timeoutMs: 30_000,
    });
    const id = String(target.requests[0].headers[WebhookHeaders.id]);
    const dead = await settled(id, 'dead', 4);
    expect(dead.attempts_log.map((a) => a.status_code)).toEqual([500, 500, 500, 500]);
    expect(dead.attempts_log[3].response_snippet).toBe('boom');
    expect(target.requests.map((r) => r.headers[WebhookHeaders.id])).toEqual([id, id, id, id]);

    // Receiver timestamps: each gap at least its configured delay, and each longer than the last.
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(retryDelaysMs[i] - 20));
    expect(gaps[1]).toBeGreaterThan(gaps[0]);
    expect(gaps[2]).toBeGreaterThan(gaps[1]);

    const letters = expectStatus(await api.get(`/v1/dead-letters?webhook_id=${webhook.id}`), 200)
      .body as {
      data: { delivery_id: string; reason: string }[];
    };
    expect(letters.data).toHaveLength(1);
    expect(letters.data[0]).toMatchObject({ delivery_id: id });
    expect(letters.data[0].reason).toContain('no retries left');
    const onTopic = await waitFor('the dlq record', () =>
      dlq.messages.find((m) => m.deliveryId === id),
    );
    expect(onTopic).toMatchObject({
      attemptsMade: 4,
      destination: { kind: 'webhook', webhookId: webhook.id },
    });
    // Nothing more arrives after the dead letter: still exactly 4.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(target.requests).toHaveLength(4);

    healthy = true;
    expectStatus(await api.post(`/v1/dead-letters/${id}/replay`, {}), 202);
    await waitFor('the replayed attempt', () => (target.requests.length >= 5 ? true : undefined), {
      timeoutMs: 30_000,
    });
    expect(target.requests[4].headers[WebhookHeaders.id]).toBe(id);
    expect(target.requests[4].body.equals(target.requests[0].body)).toBe(true);
    const delivered = await settled(id, 'delivered', 5);
    expect(delivered.attempts_log.map((a) => a.attempt_number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('replays in bulk by webhook and time range', async () => {
    let healthy = false;
    const target = await receiver((_req, res) => res.writeHead(healthy ? 200 : 503).end());
    const since = new Date().toISOString();
    const webhook = await createWebhook(api, { name: 'bulk', url: target.url('/bulk') });
    await upstream.saveLead(
      saveLeadEvent(accountId, 'bulk-1@example.test'),
      saveLeadEvent(accountId, 'bulk-2@example.test'),
    );
    await waitFor(
      'two dead letters',
      async () => {
        const body = (
          await api.get(
            `/v1/dead-letters?webhook_id=${webhook.id}&from=${encodeURIComponent(since)}`,
          )
        ).body as {
          data: unknown[];
        };
        return body.data.length === 2 ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
    healthy = true;
    const replayed = expectStatus(
      await api.post('/v1/dead-letters/replay', {
        webhook_id: webhook.id,
        from: since,
        to: new Date().toISOString(),
      }),
      202,
    ).body as { replayed: number };
    expect(replayed.replayed).toBe(2);
    await waitFor(
      'both replays',
      () => (target.requests.filter((r) => r.url === '/bulk').length >= 10 ? true : undefined),
      {
        timeoutMs: 30_000,
      },
    );
    // Already replayed: a second bulk call finds nothing new.
    expect(
      (
        expectStatus(await api.post('/v1/dead-letters/replay', { webhook_id: webhook.id }), 202)
          .body as { replayed: number }
      ).replayed,
    ).toBe(0);
  });

  it('disables the webhook on 410 Gone, without retrying', async () => {
    const target = await receiver((_req, res) => res.writeHead(410).end());
    const webhook = await deliverOneTo(target, 'gone');
    await waitFor('the attempt', () => (target.requests.length >= 1 ? true : undefined), {
      timeoutMs: 30_000,
    });
    const id = String(target.requests[0].headers[WebhookHeaders.id]);
    const dead = await settled(id, 'dead', 1);
    expect(dead.attempts_log).toMatchObject([{ status_code: 410 }]);
    const after = expectStatus(await api.get(`/v1/webhooks/${webhook.id}`), 200)
      .body as WebhookView;
    expect(after.enabled).toBe(false);
    expect(after.disabled_reason).toContain('gone');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(target.requests).toHaveLength(1);
  });

  it('does not follow a 302', async () => {
    const target = await receiver((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
      else res.writeHead(200).end();
    });
    await createWebhook(api, { name: 'moved', url: target.url('/moved') });
    await upstream.saveLead(saveLeadEvent(accountId, 'moved@example.test'));
    await waitFor('the first attempt', () => (target.requests.length >= 1 ? true : undefined), {
      timeoutMs: 30_000,
    });
    const id = String(target.requests[0].headers[WebhookHeaders.id]);
    const dead = await settled(id, 'dead', 4);
    expect(dead.attempts_log.map((a) => a.status_code)).toEqual([302, 302, 302, 302]);
    expect(target.requests.map((r) => r.url)).toEqual(['/moved', '/moved', '/moved', '/moved']);
  });

  it('cuts a receiver that never answers at the timeout', async () => {
    const target = await receiver(() => undefined);
    await deliverOneTo(target, 'silent');
    await waitFor('the first attempt', () => (target.requests.length >= 1 ? true : undefined), {
      timeoutMs: 30_000,
    });
    const id = String(target.requests[0].headers[WebhookHeaders.id]);
    const found: DeliveryDetail = await waitFor(
      'a logged attempt',
      async () => {
        const current = await delivery(api, id);
        return current !== undefined && current.attempts_log.length >= 1 ? current : undefined;
      },
      { timeoutMs: 30_000 },
    );
    expect(found.attempts_log[0]).toMatchObject({ error_kind: 'timeout', status_code: null });
    expect(found.attempts_log[0].duration_ms).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(found.attempts_log[0].duration_ms).toBeLessThan(timeoutMs + 1_500);
  });

  it('reads no more than the cap of a receiver that streams megabytes', async () => {
    let written = 0;
    const target = await receiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (written < 20 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    await deliverOneTo(target, 'firehose');
    await waitFor('the attempt', () => (target.requests.length >= 1 ? true : undefined), {
      timeoutMs: 30_000,
    });
    const id = String(target.requests[0].headers[WebhookHeaders.id]);
    const done = await settled(id, 'delivered', 1);
    expect(done.attempts_log[0].status_code).toBe(200);
    expect(Buffer.byteLength(done.attempts_log[0].response_snippet ?? '')).toBeLessThanOrEqual(
      maxResponseBytes,
    );
    // The connection was dropped long before 20 MiB went out.
    expect(written).toBeLessThan(20 * 1024 * 1024);
  });
});
