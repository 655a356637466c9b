import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import { runMigrations } from '@leadhooks/persistence';
import { createTestDatabase, type TestDatabase } from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dispatcherDataSourceOptions } from '../database/database';
import { DeliveryLog } from './delivery-log';

const accountId = randomUUID();
const webhookId = randomUUID();

function message(deliveryId: string, attemptsMade = 1): DeliveryMessage {
  return {
    deliveryId,
    accountId,
    eventType: 'save_lead',
    eventId: `event-${deliveryId}`,
    destination: { kind: 'webhook', webhookId },
    body: '{"data":{"email":"a@example.test"}}',
    createdAt: '2026-11-27T10:00:00.000Z',
    attemptsMade,
  };
}

const ok: OutboundOutcome = {
  kind: 'response',
  status: 204,
  headers: {},
  bodySnippet: '',
  truncated: false,
  durationMs: 12,
};

describe(`${DeliveryLog.name} (Postgres)`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let log: DeliveryLog;
  const startedAt = new Date('2026-11-27T10:00:01.000Z');

  beforeAll(async () => {
    database = await createTestDatabase('delivery_log');
    dataSource = new DataSource(
      dispatcherDataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 4 }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
    log = new DeliveryLog(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const attemptsOf = (deliveryId: string) =>
    dataSource.query(
      `SELECT attempt_number, status_code, error_kind, error_message, response_snippet, duration_ms
         FROM dispatcher.attempt WHERE delivery_id = $1 ORDER BY attempt_number`,
      [deliveryId],
    );

  it('writes the attempts of concurrent deliveries in a few statements, each one complete', async () => {
    const query = jest.spyOn(dataSource, 'query');
    const ids = Array.from({ length: 60 }, (_, i) => `msg_batch_${i}`);
    await Promise.all(
      ids.map((id) =>
        log.recordAttempt(
          message(id),
          { url: 'https://h.test/', outcome: ok, startedAt, retrySchedule: '10s,1m,5m' },
          'delivered',
        ),
      ),
    );
    expect(query.mock.calls.length).toBeLessThanOrEqual(3);
    query.mockRestore();
    const rows: { id: string; status: string; attempts: number; updated_at: Date }[] =
      await dataSource.query(
        `SELECT id, status, attempts FROM dispatcher.delivery WHERE id = ANY ($1) ORDER BY id`,
        [ids],
      );
    expect(rows).toHaveLength(60);
    expect(rows.every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
    expect(await attemptsOf('msg_batch_7')).toEqual([
      {
        attempt_number: 1,
        status_code: 204,
        error_kind: null,
        error_message: null,
        response_snippet: '',
        duration_ms: 12,
      },
    ]);
  });

  it('numbers the attempts of one delivery that meet in one batch, and counts both', async () => {
    const failed: OutboundOutcome = {
      kind: 'error',
      error: 'timeout',
      message: 'no response',
      durationMs: 5,
    };
    await Promise.all([
      log.recordAttempt(
        message('msg_twice'),
        { url: 'https://h.test/', outcome: failed, startedAt, retrySchedule: '10s,1m,5m' },
        'retrying',
      ),
      log.recordAttempt(
        message('msg_twice', 2),
        { url: 'https://h.test/', outcome: failed, startedAt, retrySchedule: '10s,1m,5m' },
        'retrying',
      ),
    ]);
    expect(
      (await attemptsOf('msg_twice')).map((row: { attempt_number: number }) => row.attempt_number),
    ).toEqual([1, 2]);
    const [delivery] = await dataSource.query(
      `SELECT attempts, last_error FROM dispatcher.delivery WHERE id = 'msg_twice'`,
    );
    expect(delivery).toEqual({ attempts: 2, last_error: 'timeout: no response' });
  });

  it('keeps a webhook_url destination and drops NUL bytes Postgres text cannot hold', async () => {
    const binary: OutboundOutcome = { ...ok, status: 500, bodySnippet: 'a\0b' };
    await log.recordAttempt(
      { ...message('msg_url'), destination: { kind: 'webhook_url', url: 'https://h.test/hook' } },
      { url: 'https://h.test/hook', outcome: binary, startedAt, retrySchedule: '10s,1m,5m' },
      'retrying',
    );
    const [delivery] = await dataSource.query(
      `SELECT webhook_id, url, last_error FROM dispatcher.delivery WHERE id = 'msg_url'`,
    );
    expect(delivery).toEqual({
      webhook_id: null,
      url: 'https://h.test/hook',
      last_error: 'HTTP 500',
    });
    expect((await attemptsOf('msg_url'))[0].response_snippet).toBe('ab');
  });
});
