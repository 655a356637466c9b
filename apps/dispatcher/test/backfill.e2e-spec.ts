import { randomUUID } from 'node:crypto';
import { WebhookHeaders, type SaveLeadEvent } from '@leadhooks/contracts';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  expectStatus,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { verify } from '@leadhooks/webhook-signing';
import { deliveryIdFor, destinationKey } from '../src/fanout/delivery-id';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook, webhookSecret, type WebhookView } from './support/webhooks-api';

interface Backfill {
  id: string;
  status: string;
  since: string;
  until: string;
  earliest_available: string | null;
  progress_percent: number;
  records_total: number;
  records_read: number;
  deliveries_sent: number;
  deliveries_skipped: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One lead saved `versions` times: the same aggregate, one event per save. */
function savedTimes(accountId: string, email: string, versions: number): SaveLeadEvent[] {
  const first = saveLeadEvent(accountId, email);
  return Array.from({ length: versions }, (_, index) => ({
    ...saveLeadEvent(accountId, email),
    aggregateId: first.aggregateId,
    aggregateVersion: index + 1,
    payload: { data: { ...first.payload.data, score: index + 1 } },
  }));
}

describe('backfill of one webhook from leads.save_lead', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let alice: ApiClient;
  let aliceId: string;
  let bob: ApiClient;
  let bobId: string;
  let old: WebhookView[];
  let late: WebhookView;
  let since: Date;
  let inWindow: SaveLeadEvent[];

  const requestsTo = (path: string) => receiver.requests.filter((r) => r.url === path);
  const backfillOf = async (webhookId: string, id: string): Promise<Backfill> =>
    expectStatus(await alice.get(`/v1/webhooks/${webhookId}/backfills/${id}`), 200)
      .body as Backfill;
  const startBackfill = async (webhookId: string, body: Record<string, unknown>) =>
    expectStatus(await alice.post(`/v1/webhooks/${webhookId}/backfill`, body), 202)
      .body as Backfill;
  const finished = (webhookId: string, id: string) =>
    waitFor(
      'the backfill to finish',
      async () => {
        const found = await backfillOf(webhookId, id);
        return found.status === 'completed' || found.status === 'cancelled' ? found : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-backfill');
    database = await createTestDatabase('dispatcher_backfill');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (_req, res) => res.writeHead(204).end());
    service = await startDispatcherTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_NAMESPACE: namespace,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        // One attempt at a time per endpoint: the receiver sees the order deliveries were queued in.
        DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT: '1',
        BACKFILL_POLL_MS: '200',
      },
      { ca: tls.ca },
    );
    const aliceKey = await service.createAccount('alice');
    const bobKey = await service.createAccount('bob');
    alice = apiClient(service.baseUrl, aliceKey.key);
    aliceId = aliceKey.accountId;
    bob = apiClient(service.baseUrl, bobKey.key);
    bobId = bobKey.accountId;
    old = [
      await createWebhook(alice, { name: 'w1', url: receiver.url('/w1') }),
      await createWebhook(alice, { name: 'w2', url: receiver.url('/w2') }),
    ];
    // Before the window: delivered to w1 and w2 now, never to the late webhook.
    await upstream.saveLead(
      ...Array.from({ length: 10 }, (_, i) => saveLeadEvent(aliceId, `before-${i}@a.test`)),
    );
    await pause(50);
    since = new Date();
    await pause(50);
    inWindow = [
      ...Array.from({ length: 197 }, (_, i) => saveLeadEvent(aliceId, `lead-${i}@a.test`)),
      ...savedTimes(aliceId, 'thrice@a.test', 3),
    ];
    const bobs = Array.from({ length: 80 }, (_, i) => saveLeadEvent(bobId, `bob-${i}@b.test`));
    await upstream.saveLead(...inWindow.slice(0, 100), ...bobs, ...inWindow.slice(100));
    await waitFor(
      'w1 and w2 to get all 210 leads',
      () => (requestsTo('/w1').length >= 210 && requestsTo('/w2').length >= 210 ? true : undefined),
      { timeoutMs: 60_000 },
    );
    late = await createWebhook(alice, { name: 'w3', url: receiver.url('/w3') });
  }, 120_000);

  afterAll(async () => {
    await upstream?.close();
    await service?.close();
    await receiver?.close();
    await database?.drop();
  });

  it("delivers exactly the account's events of the window to the new webhook, in order, and nothing to the others", async () => {
    const before = { w1: requestsTo('/w1').length, w2: requestsTo('/w2').length };
    const started = await startBackfill(late.id, { since: since.toISOString() });
    expect(started).toMatchObject({ status: 'queued', since: since.toISOString() });
    expect(started.earliest_available).not.toBeNull();

    const done = await finished(late.id, started.id);
    expect(done).toMatchObject({
      status: 'completed',
      progress_percent: 100,
      records_total: 280,
      records_read: 280,
      deliveries_sent: 200,
      deliveries_skipped: 0,
    });
    const received = await waitFor(
      '200 deliveries at w3',
      () => (requestsTo('/w3').length >= 200 ? requestsTo('/w3') : undefined),
      { timeoutMs: 60_000 },
    );
    await pause(1_000);
    expect(requestsTo('/w3')).toHaveLength(200);
    const ids = received.map((request) => String(request.headers[WebhookHeaders.id]));
    expect(new Set(ids)).toEqual(
      new Set(inWindow.map((e) => deliveryIdFor(e.eventId, destinationKey.webhook(late.id)))),
    );
    const secret = await webhookSecret(alice, late.id);
    expect(verify({ headers: received[0].headers, body: received[0].body, secret })).toMatchObject({
      ok: true,
    });
    const thrice = received
      .map(
        (request) =>
          JSON.parse(request.body.toString('utf8')) as { data: { email: string; score: number } },
      )
      .filter((body) => body.data.email === 'thrice@a.test')
      .map((body) => body.data.score);
    expect(thrice).toEqual([1, 2, 3]);
    expect({ w1: requestsTo('/w1').length, w2: requestsTo('/w2').length }).toEqual(before);
    expect(old).toHaveLength(2);
  });

  it('sends nothing again for events the webhook already has a delivery of (same webhook-id)', async () => {
    await waitFor(
      'all 200 logged',
      async () => ((await loggedCount(late.id)) >= 200 ? true : undefined),
      { timeoutMs: 30_000 },
    );
    const again = await startBackfill(late.id, { since: since.toISOString() });
    const done = await finished(late.id, again.id);
    expect(done).toMatchObject({
      status: 'completed',
      deliveries_sent: 0,
      deliveries_skipped: 200,
    });
    await pause(1_000);
    expect(requestsTo('/w3')).toHaveLength(200);
  });

  async function loggedCount(webhookId: string): Promise<number> {
    const rows: { n: string }[] = await service.dataSource.query(
      `SELECT count(*) AS n FROM dispatcher.delivery WHERE webhook_id = $1 AND status = 'delivered'`,
      [webhookId],
    );
    return Number(rows[0].n);
  }

  it('answers the bad inputs with a 4xx naming the field', async () => {
    const path = `/v1/webhooks/${late.id}/backfill`;
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const cases: [Record<string, unknown>, number, string][] = [
      [{}, 400, 'since'],
      [{ since: 'yesterday' }, 400, 'since'],
      [{ since: '2026-12-01T00:00:00' }, 400, 'since'],
      [{ since: future }, 400, 'since'],
      [{ since: since.toISOString(), until: future }, 400, 'until'],
      [{ since: since.toISOString(), until: since.toISOString() }, 400, 'since'],
      [{ since: since.toISOString(), extra: 1 }, 400, 'extra'],
    ];
    for (const [body, status, field] of cases)
      expect({ body, result: (await alice.post(path, body)).body }).toEqual({
        body,
        result: expect.objectContaining({ statusCode: status, field }),
      });
    // The topic keeps 7 days: 8 days back is refused, naming the earliest possible time.
    const tooOld = await alice.post(path, {
      since: new Date(Date.now() - 8 * 86_400_000).toISOString(),
    });
    expect(tooOld.status).toBe(422);
    expect(tooOld.body).toMatchObject({
      field: 'since',
      message: expect.stringMatching(/after \d{4}-\d\d-\d\dT.*7d/),
    });
  });

  it("answers 404 for an unknown webhook, another account's webhook and another webhook's backfill", async () => {
    const body = { since: since.toISOString() };
    const bobs = await createWebhook(bob, { name: 'bob', url: receiver.url('/bob') });
    expect((await alice.post(`/v1/webhooks/${bobs.id}/backfill`, body)).status).toBe(404);
    expect((await alice.post(`/v1/webhooks/${randomUUID()}/backfill`, body)).status).toBe(404);
    expect((await alice.post('/v1/webhooks/not-a-uuid/backfill', body)).body).toMatchObject({
      statusCode: 400,
      field: 'id',
    });
    const started = await startBackfill(late.id, body);
    expect((await alice.get(`/v1/webhooks/${old[0].id}/backfills/${started.id}`)).status).toBe(404);
    expect((await bob.get(`/v1/webhooks/${late.id}/backfills/${started.id}`)).status).toBe(404);
    expect(
      (await bob.post(`/v1/webhooks/${late.id}/backfills/${started.id}/cancel`, {})).status,
    ).toBe(404);
    expect((await alice.get(`/v1/webhooks/${late.id}/backfills/x`)).body).toMatchObject({
      statusCode: 400,
      field: 'backfillId',
    });
    await finished(late.id, started.id);
    expect(requestsTo('/bob')).toHaveLength(0);
  });

  it('stops reading when cancelled, and the next backfill still runs', async () => {
    // Enough of another account's records that the reading is still under way when cancelled.
    const carol = await service.createAccount('carol');
    const filler = Array.from({ length: 20_000 }, (_, i) =>
      saveLeadEvent(carol.accountId, `f-${i}@c.test`),
    );
    for (let i = 0; i < filler.length; i += 2_000)
      await upstream.saveLead(...filler.slice(i, i + 2_000));
    const started = await startBackfill(late.id, { since: since.toISOString() });
    const cancelled = expectStatus(
      await alice.post(`/v1/webhooks/${late.id}/backfills/${started.id}/cancel`, {}),
      200,
    ).body as Backfill;
    expect(cancelled.status).toBe('cancelled');
    await pause(1_500);
    const later = await backfillOf(late.id, started.id);
    await pause(1_000);
    expect(await backfillOf(late.id, started.id)).toEqual(later);
    expect(later).toMatchObject({ status: 'cancelled' });
    expect(later.records_read).toBeLessThan(later.records_total);
    const next = await startBackfill(late.id, {
      since: new Date(Date.now() - 1_000).toISOString(),
    });
    expect(await finished(late.id, next.id)).toMatchObject({ status: 'completed' });
  }, 120_000);
});
