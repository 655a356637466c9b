import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import {
  apiClient,
  createTestDatabase,
  expectStatus,
  testKafkaBrokers,
  uniqueName,
  type ApiClient,
  type TestDatabase,
} from '@leadhooks/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  startDispatcherTestApp,
  type DispatcherTestApp,
} from '../../test/support/dispatcher-test-app';
import { DeliveryLog, type DeliveryStatus } from '../delivery/delivery-log';
import { DeliveryLogPurge, purgeLockKey } from './delivery-log.purge';

const ok: OutboundOutcome = {
  kind: 'response',
  status: 204,
  headers: {},
  bodySnippet: '',
  truncated: false,
  durationMs: 5,
};
const failed: OutboundOutcome = { ...ok, status: 500, bodySnippet: 'boom' };

const idAlphabet = 'abcdefghijklmnopqrstuvwxyz234567';
/** A fresh, well-formed delivery id (msg_ + 26 of a-z2-7). */
const deliveryId = (): string =>
  `msg_${Array.from(randomBytes(26), (byte) => idAlphabet[byte % 32]).join('')}`;

describe('delivery log retention (Postgres, Kafka, HTTP)', () => {
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let api: ApiClient;
  let accountId: string;
  let log: DeliveryLog;
  const webhookId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase('dispatcher_retention');
    service = await startDispatcherTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-retention'),
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      DELIVERY_RETENTION: '1h',
      DELIVERY_BODY_RETENTION: '30m',
      // The spec runs the purge itself, at the moment it chooses.
      DELIVERY_PURGE_INTERVAL_MS: '0',
    });
    const key = await service.createAccount('retention');
    api = apiClient(service.baseUrl, key.key);
    accountId = key.accountId;
    log = service.app.get(DeliveryLog);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const message = (id: string): DeliveryMessage => ({
    deliveryId: id,
    accountId,
    eventType: 'save_lead',
    eventId: `event-${id}`,
    destination: { kind: 'webhook', webhookId },
    body: `{"data":{"email":"${id}@example.test"}}`,
    createdAt: new Date().toISOString(),
    attemptsMade: 0,
  });

  /** A delivery with one attempt (and a dead letter if `dead`), its event and last change `ageMin` ago. */
  const seed = async (
    status: DeliveryStatus,
    ageMin: number,
    lastChangeMin = ageMin,
  ): Promise<string> => {
    const id = deliveryId();
    const delivery = message(id);
    await log.recordAttempt(
      delivery,
      {
        url: 'https://receiver.test/',
        outcome: status === 'delivered' ? ok : failed,
        startedAt: new Date(),
        retrySchedule: '10s',
      },
      status === 'dead' ? 'retrying' : status,
    );
    if (status === 'dead') await log.recordDeadLetter(delivery, 'HTTP 500', new Date());
    await service.dataSource.query(
      `UPDATE dispatcher.delivery
          SET created_at = now() - make_interval(mins => $2), updated_at = now() - make_interval(mins => $3)
        WHERE id = $1`,
      [id, ageMin, lastChangeMin],
    );
    return id;
  };

  const rowsOf = async (id: string) => {
    const [row]: {
      body: string | null;
      attempts: number;
      letter: unknown;
      letter_body: unknown;
    }[] = await service.dataSource.query(
      `SELECT d.body, (SELECT count(*)::int FROM dispatcher.attempt a WHERE a.delivery_id = d.id) AS attempts,
                l.delivery_id AS letter, l.message -> 'body' AS letter_body
           FROM dispatcher.delivery d LEFT JOIN dispatcher.dead_letter l ON l.delivery_id = d.id
          WHERE d.id = $1`,
      [id],
    );
    return row;
  };

  it('deletes old finished deliveries with their attempts and dead letters, drops old bodies, keeps the rest', async () => {
    const oldDelivered = [await seed('delivered', 120), await seed('delivered', 90)];
    const oldCancelled = await seed('cancelled', 120);
    const oldDead = await seed('dead', 120);
    const recentDelivered = await seed('delivered', 1);
    const recentDead = await seed('dead', 1);
    const bodyOldDelivered = await seed('delivered', 45);
    const bodyOldDead = await seed('dead', 45);
    // Still being worked on, however old: never touched.
    const oldRetrying = await seed('retrying', 120);
    const oldPending = await seed('pending', 120);
    // An old event dead-lettered a minute ago: kept whole.
    const oldEventRecentlyDead = await seed('dead', 120, 1);

    // Batches of 2: the purge has to loop to get through the 4 old finished deliveries.
    const result = await service.app
      .get(DeliveryLogPurge)
      .run(new Date(), { batchSize: 2, pauseMs: 1 });
    expect(result).toEqual({ ran: true, deliveriesDeleted: 4, bodiesDropped: 2 });

    for (const id of [...oldDelivered, oldCancelled, oldDead]) {
      expect(await rowsOf(id)).toBeUndefined();
    }
    const orphans: { count: number }[] = await service.dataSource.query(
      `SELECT (SELECT count(*) FROM dispatcher.attempt WHERE delivery_id = ANY ($1))::int
            + (SELECT count(*) FROM dispatcher.dead_letter WHERE delivery_id = ANY ($1))::int AS count`,
      [[...oldDelivered, oldCancelled, oldDead]],
    );
    expect(orphans[0].count).toBe(0);

    for (const id of [recentDelivered, oldRetrying, oldPending]) {
      expect(await rowsOf(id)).toMatchObject({ body: expect.any(String), attempts: 1 });
    }
    for (const id of [recentDead, oldEventRecentlyDead]) {
      expect(await rowsOf(id)).toMatchObject({
        body: expect.any(String),
        letter: id,
        letter_body: expect.any(String),
      });
    }
    expect(await rowsOf(bodyOldDelivered)).toMatchObject({ body: null, attempts: 1 });
    expect(await rowsOf(bodyOldDead)).toMatchObject({ body: null, letter: bodyOldDead });
    expect((await rowsOf(bodyOldDead)).letter_body).toBeNull();

    // The API: a dropped body reads as null, the rest of the log is there.
    const detail = expectStatus(await api.get(`/v1/deliveries/${bodyOldDelivered}`), 200);
    expect(detail.body).toMatchObject({ id: bodyOldDelivered, body: null, status: 'delivered' });
    expect((detail.body as { attempts_log: unknown[] }).attempts_log).toHaveLength(1);
    expectStatus(await api.get(`/v1/deliveries/${oldDelivered[0]}`), 404);

    // Replay: a kept dead letter goes again; one without its body is a clear 409, never a 500.
    expectStatus(await api.post(`/v1/dead-letters/${recentDead}/replay`, {}), 202);
    const [replayed]: { replayed_at: Date | null }[] = await service.dataSource.query(
      `SELECT replayed_at FROM dispatcher.dead_letter WHERE delivery_id = $1`,
      [recentDead],
    );
    expect(replayed.replayed_at).not.toBeNull();
    const gone = expectStatus(await api.post(`/v1/dead-letters/${bodyOldDead}/replay`, {}), 409);
    expect(gone.body).toMatchObject({ field: 'id', message: expect.stringContaining('body') });
    // A bulk replay leaves it out (the other kept one is counted).
    const bulk = expectStatus(await api.post('/v1/dead-letters/replay', {}), 202);
    expect(bulk.body).toEqual({ replayed: 1 });

    // A second run finds nothing more to do.
    expect(await service.app.get(DeliveryLogPurge).run()).toEqual({
      ran: true,
      deliveriesDeleted: 0,
      bodiesDropped: 0,
    });
  });

  it('skips a round while another instance holds the purge lock', async () => {
    const old = await seed('delivered', 120);
    const other = service.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock($1)`, [purgeLockKey]);
      expect(await service.app.get(DeliveryLogPurge).run()).toEqual({
        ran: false,
        deliveriesDeleted: 0,
        bodiesDropped: 0,
      });
      expect(await rowsOf(old)).toBeDefined();
    } finally {
      await other.query(`SELECT pg_advisory_unlock($1)`, [purgeLockKey]);
      await other.release();
    }
    expect(await service.app.get(DeliveryLogPurge).run()).toMatchObject({ deliveriesDeleted: 1 });
    expect(await rowsOf(old)).toBeUndefined();
  });

  it('shows rows and bytes held per table, and what was purged, on /metrics', async () => {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const value = (series: string, label: string) =>
      Number(new RegExp(`^${series}\\{${label}[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
    for (const table of ['delivery', 'attempt', 'dead_letter']) {
      expect(value('leadhooks_delivery_log_rows', `table="${table}"`)).toBeGreaterThanOrEqual(0);
      expect(value('leadhooks_delivery_log_bytes', `table="${table}"`)).toBeGreaterThan(0);
    }
    expect(value('leadhooks_delivery_log_purged_total', 'action="deleted"')).toBe(5);
    expect(value('leadhooks_delivery_log_purged_total', 'action="body_dropped"')).toBe(2);
  });
});
