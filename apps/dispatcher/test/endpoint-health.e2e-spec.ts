import {
  apiClient,
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  type ApiClient,
  type TestDatabase,
} from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { createWebhook, expectStatus } from './support/webhooks-api';

interface SeededAttempt {
  durationMs: number;
  statusCode: number | null;
  errorKind: string | null;
  finishedAt: Date;
}
interface SeededDelivery {
  id: string;
  webhookId: string;
  status: string;
  createdAt: Date;
  attempts: SeededAttempt[];
}

const minute = 60_000;
const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
const deliveryId = () =>
  `msg_${Array.from({ length: 26 }, () => base32[Math.floor(Math.random() * 32)]).join('')}`;

/** Postgres's percentile_cont: linear interpolation between the two nearest ranks. */
function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return Math.round(sorted[low] + (sorted[high] - sorted[low]) * (rank - low));
}

/** What the API should answer for one window, computed here from the seeded rows. */
function expectedWindow(deliveries: SeededDelivery[]) {
  const count = (status: string) => deliveries.filter((d) => d.status === status).length;
  const attempts = deliveries.flatMap((d) => d.attempts);
  const durations = attempts.map((a) => a.durationMs);
  const delivered = count('delivered');
  const dead = count('dead');
  return {
    deliveries: deliveries.length,
    delivered,
    dead,
    in_flight: count('pending') + count('retrying'),
    success_rate: delivered + dead === 0 ? null : delivered / (delivered + dead),
    attempts: attempts.length,
    failed_attempts: attempts.filter((a) => a.statusCode === null || a.statusCode >= 300).length,
    attempt_duration_p50_ms: percentileCont(durations, 0.5),
    attempt_duration_p95_ms: percentileCont(durations, 0.95),
  };
}

async function seed(dataSource: DataSource, accountId: string, rows: SeededDelivery[]) {
  for (const row of rows) {
    await dataSource.query(
      `INSERT INTO dispatcher.delivery (id, account_id, webhook_id, url, event_type, event_id, body, status, attempts, created_at, updated_at)
       VALUES ($1, $2, $3, NULL, 'save_lead', $1, '{}', $4, $5, $6, $6)`,
      [row.id, accountId, row.webhookId, row.status, row.attempts.length, row.createdAt],
    );
    for (const [index, attempt] of row.attempts.entries())
      await dataSource.query(
        `INSERT INTO dispatcher.attempt (delivery_id, attempt_number, url, status_code, error_kind, error_message, duration_ms, started_at, finished_at)
         VALUES ($1, $2, 'https://hooks.example.test/', $3, $4, $5, $6, $7, $7)`,
        [
          row.id,
          index + 1,
          attempt.statusCode,
          attempt.errorKind,
          attempt.errorKind ? 'refused on purpose' : null,
          attempt.durationMs,
          attempt.finishedAt,
        ],
      );
  }
}

describe('GET /v1/webhooks/{id}/health', () => {
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  let webhookId: string;
  let otherWebhookId: string;
  const seeded: SeededDelivery[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('dispatcher_health');
    service = await startDispatcherTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-health'),
      DISPATCHER_CONSUMERS: 'none',
    });
    const aliceKey = await service.createAccount('alice');
    alice = apiClient(service.baseUrl, aliceKey.key);
    bob = apiClient(service.baseUrl, (await service.createAccount('bob')).key);
    const url = 'https://hooks.example.test/in';
    webhookId = (await createWebhook(alice, { name: 'health', url })).id;
    otherWebhookId = (await createWebhook(alice, { name: 'other', url })).id;
    const now = Date.now();
    // 40 deliveries from 10 minutes to 30 hours old; the other webhook's and those older
    // than a day must not count. Durations and answers vary with i so percentiles differ.
    const statuses = ['delivered', 'delivered', 'dead', 'retrying', 'delivered', 'cancelled'];
    for (let i = 0; i < 40; i++) {
      const createdAt = new Date(now - (10 + i * 45) * minute);
      const status = statuses[i % statuses.length];
      const attempts: SeededAttempt[] = Array.from({ length: 1 + (i % 3) }, (_, n) => {
        const failed = status !== 'delivered' || n < i % 3;
        return {
          durationMs: 20 + ((i * 37 + n * 11) % 400),
          statusCode: failed ? (i % 2 === 0 ? 500 : null) : 200,
          errorKind: failed && i % 2 === 1 ? 'timeout' : null,
          finishedAt: new Date(createdAt.getTime() + (n + 1) * 1000),
        };
      });
      seeded.push({ id: deliveryId(), webhookId, status, createdAt, attempts });
    }
    seeded.push({
      id: deliveryId(),
      webhookId: otherWebhookId,
      status: 'dead',
      createdAt: new Date(now - 5 * minute),
      attempts: [
        { durationMs: 9_999, statusCode: 503, errorKind: null, finishedAt: new Date(now) },
      ],
    });
    await seed(service.dataSource, aliceKey.accountId, seeded);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  it('answers the figures of the last hour and day from the delivery log', async () => {
    const health = expectStatus(await alice.get(`/v1/webhooks/${webhookId}/health`), 200)
      .body as Record<string, unknown>;
    const asOf = Date.parse(String(health.as_of));
    const ours = seeded.filter((d) => d.webhookId === webhookId);
    const within = (ms: number) => ours.filter((d) => d.createdAt.getTime() >= asOf - ms);
    const hourly = within(60 * minute);
    const daily = within(24 * 60 * minute);
    // The seed spans both windows and beyond: the comparison below is not vacuous.
    expect(hourly.length).toBeGreaterThan(0);
    expect(daily.length).toBeGreaterThan(hourly.length);
    expect(daily.length).toBeLessThan(ours.length);
    expect(health.last_hour).toEqual(expectedWindow(hourly));
    expect(health.last_day).toEqual(expectedWindow(daily));

    const lastFailed = daily
      .flatMap((d) => d.attempts.map((a) => ({ ...a, deliveryId: d.id })))
      .filter((a) => a.statusCode === null || a.statusCode >= 300)
      .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime())[0];
    expect(health).toMatchObject({
      webhook_id: webhookId,
      enabled: true,
      disabled_reason: null,
      failing_since: null,
      consecutive_dead_letters: 0,
      last_error: {
        delivery_id: lastFailed.deliveryId,
        message: lastFailed.errorKind
          ? `${lastFailed.errorKind}: refused on purpose`
          : `HTTP ${lastFailed.statusCode}`,
      },
    });
    expect(Date.parse((health.last_error as { at: string }).at)).toBe(
      lastFailed.finishedAt.getTime(),
    );
  });

  it('shows why a webhook was disabled and since when it has been failing', async () => {
    const failingSince = new Date(Date.now() - 90 * minute);
    await service.dataSource.query(
      `UPDATE dispatcher.webhook SET enabled = false, disabled_reason = '5 deliveries in a row were dead-lettered',
              disabled_at = now(), failing_since = $2, consecutive_dead_letters = 5 WHERE id = $1`,
      [otherWebhookId, failingSince],
    );
    const health = expectStatus(await alice.get(`/v1/webhooks/${otherWebhookId}/health`), 200)
      .body as Record<string, unknown>;
    expect(health).toMatchObject({
      enabled: false,
      disabled_reason: '5 deliveries in a row were dead-lettered',
      consecutive_dead_letters: 5,
      last_error: { message: 'HTTP 503' },
      last_hour: { deliveries: 1, dead: 1, success_rate: 0, attempt_duration_p95_ms: 9_999 },
    });
    expect(Date.parse(String(health.failing_since))).toBe(failingSince.getTime());
    expect(typeof health.disabled_at).toBe('string');
  });

  it('answers zeros and nulls for a webhook without deliveries', async () => {
    const quiet = await createWebhook(alice, { name: 'quiet', url: 'https://hooks.example.test/' });
    const health = expectStatus(await alice.get(`/v1/webhooks/${quiet.id}/health`), 200).body;
    const empty = expectedWindow([]);
    expect(health).toMatchObject({ last_error: null, last_hour: empty, last_day: empty });
  });

  it("never answers another account's webhook, nor a deleted one", async () => {
    const refused = expectStatus(await bob.get(`/v1/webhooks/${webhookId}/health`), 404);
    expect(refused.body).toMatchObject({ statusCode: 404 });
    expect(JSON.stringify(refused.body)).not.toContain('deliveries');
    const gone = await createWebhook(alice, { name: 'gone', url: 'https://hooks.example.test/' });
    expectStatus(await alice.delete(`/v1/webhooks/${gone.id}`), 204);
    expectStatus(await alice.get(`/v1/webhooks/${gone.id}/health`), 404);
    expectStatus(await alice.get(`/v1/webhooks/${randomUUID()}/health`), 404);
  });

  it.each([
    ['not a UUID', 'not-a-uuid'],
    ['a NUL', '%00'],
    ['a NUL after a UUID', `${randomUUID()}%00`],
    ['5000 characters', 'a'.repeat(5000)],
    ['an encoded lone surrogate', '%ED%A0%80'],
    ['SQL', "'%20OR%201=1--"],
  ])('answers 400 naming id for %s', async (_name, id) => {
    const answer = expectStatus(await alice.get(`/v1/webhooks/${id}/health`), 400);
    expect(answer.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
  });

  it('answers 401 without a key', async () => {
    const anonymous = apiClient(service.baseUrl);
    expectStatus(await anonymous.get(`/v1/webhooks/${webhookId}/health`), 401);
  });
});
