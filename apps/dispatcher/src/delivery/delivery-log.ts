import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Batcher } from '../batching/batcher';

export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'dead' | 'cancelled';

interface LoggedAttempt {
  message: DeliveryMessage;
  attempt: AttemptRecord;
  status: DeliveryStatus;
}

/** One attempt as the log keeps it. */
export interface AttemptRecord {
  url: string;
  outcome: OutboundOutcome;
  startedAt: Date;
  /** The retry delays this attempt was decided under, e.g. `10s,1m,5m`. */
  retrySchedule: string;
}

/**
 * The delivery log in Postgres: one row per delivery id, one per attempt, and the dead
 * letters. Every write here completes before the Kafka offset that caused it is committed.
 */
@Injectable()
export class DeliveryLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Attempts finishing while an earlier write is under way share the next statement. */
  private readonly attempts = new Batcher<LoggedAttempt, void>(
    (batch) => writeAttemptRows(this.dataSource, batch),
    { maxBatch: 500, maxInFlight: 2 },
  );

  /**
   * Logs an attempt and the delivery's status after it, atomically, and resolves once it is
   * committed. The attempts of many deliveries go to Postgres as one statement (decision
   * 051): on a busy host each round trip costs more than the SQL in it.
   */
  recordAttempt(
    message: DeliveryMessage,
    attempt: AttemptRecord,
    status: DeliveryStatus,
  ): Promise<void> {
    return this.attempts.submit({ message, attempt, status });
  }

  /** A delivery that ends without an attempt (its webhook was deleted or disabled). */
  async recordCancelled(message: DeliveryMessage, reason: string): Promise<void> {
    await upsertDelivery(this.dataSource.manager, message, 'cancelled', reason, 0);
  }

  /** Parks the delivery as a dead letter (replacing an earlier one of the same id). */
  async recordDeadLetter(message: DeliveryMessage, reason: string, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await upsertDelivery(manager, message, 'dead', reason, 0);
      await manager.query(
        `INSERT INTO dispatcher.dead_letter (delivery_id, account_id, webhook_id, reason, message, dead_lettered_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (delivery_id) DO UPDATE
           SET reason = EXCLUDED.reason, message = EXCLUDED.message,
               dead_lettered_at = EXCLUDED.dead_lettered_at, replayed_at = NULL`,
        [
          message.deliveryId,
          message.accountId,
          webhookIdOf(message),
          reason,
          JSON.stringify(message),
          at,
        ],
      );
    });
  }
}

/**
 * One statement for many attempts: the deliveries' upsert as a CTE feeding the attempts'
 * insert, with every column passed as one array (a fixed number of parameters, whatever the
 * batch size). A delivery id twice in one batch is refused by Postgres ("cannot affect row
 * a second time"); the batcher then writes the items one by one.
 */
async function writeAttemptRows(dataSource: DataSource, batch: LoggedAttempt[]): Promise<void[]> {
  const columns = attemptColumns.map(() => [] as unknown[]);
  for (const { message, attempt, status } of batch) {
    const { outcome } = attempt;
    const row = [
      message.deliveryId,
      message.accountId,
      webhookIdOf(message),
      message.destination.kind === 'webhook_url' ? message.destination.url : null,
      message.eventType,
      message.eventId,
      message.body,
      status,
      describeFailure(outcome),
      message.createdAt,
      attempt.url,
      outcome.kind === 'response' ? outcome.status : null,
      outcome.kind === 'error' ? outcome.error : null,
      outcome.kind === 'error' ? withoutNul(outcome.message.slice(0, 2000)) : null,
      // Postgres text cannot hold NUL; a binary answer is shown without it.
      outcome.kind === 'response' ? withoutNul(outcome.bodySnippet) : null,
      outcome.durationMs,
      attempt.startedAt,
      new Date(attempt.startedAt.getTime() + outcome.durationMs),
      attempt.retrySchedule,
    ];
    row.forEach((value, index) => columns[index]?.push(value));
  }
  await dataSource.query(
    `WITH input AS (
       SELECT * FROM unnest(${attemptColumns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
         AS t(${attemptColumns.map(([name]) => name).join(', ')})
     ), delivery AS (
       INSERT INTO dispatcher.delivery
         (id, account_id, webhook_id, url, event_type, event_id, body, status, attempts, last_error,
          created_at, updated_at, retry_schedule)
       SELECT id, account_id, webhook_id, url, event_type, event_id, body, status, 1, last_error,
              created_at, now(), retry_schedule
         FROM input
       ON CONFLICT (id) DO UPDATE
         SET status = EXCLUDED.status, attempts = dispatcher.delivery.attempts + 1,
             last_error = EXCLUDED.last_error, updated_at = now(),
             retry_schedule = EXCLUDED.retry_schedule
       RETURNING id
     )
     INSERT INTO dispatcher.attempt
       (delivery_id, attempt_number, url, status_code, error_kind, error_message, response_snippet,
        duration_ms, started_at, finished_at)
     SELECT input.id,
            (SELECT COALESCE(MAX(a.attempt_number), 0) + 1
               FROM dispatcher.attempt a WHERE a.delivery_id = input.id),
            attempt_url, status_code, error_kind, error_message, response_snippet,
            duration_ms, started_at, finished_at
       FROM input JOIN delivery USING (id)`,
    columns,
  );
  return batch.map(() => undefined);
}

/** The input columns of `writeAttemptRows`, in the order of its rows, with their types. */
const attemptColumns = [
  ['id', 'text'],
  ['account_id', 'uuid'],
  ['webhook_id', 'uuid'],
  ['url', 'text'],
  ['event_type', 'text'],
  ['event_id', 'text'],
  ['body', 'text'],
  ['status', 'text'],
  ['last_error', 'text'],
  ['created_at', 'timestamptz'],
  ['attempt_url', 'text'],
  ['status_code', 'int'],
  ['error_kind', 'text'],
  ['error_message', 'text'],
  ['response_snippet', 'text'],
  ['duration_ms', 'int'],
  ['started_at', 'timestamptz'],
  ['finished_at', 'timestamptz'],
  ['retry_schedule', 'text'],
] as const;

function withoutNul(text: string): string {
  return text.replace(/\0/g, '');
}

/**
 * Creates the delivery's row on its first attempt, or moves its status. `attempts` counts
 * attempts made over the delivery's whole life, replays included.
 */
async function upsertDelivery(
  manager: EntityManager,
  message: DeliveryMessage,
  status: DeliveryStatus,
  lastError: string | null,
  attemptsAdded: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO dispatcher.delivery
       (id, account_id, webhook_id, url, event_type, event_id, body, status, attempts, last_error, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT (id) DO UPDATE
       SET status = EXCLUDED.status, attempts = dispatcher.delivery.attempts + $9,
           last_error = EXCLUDED.last_error, updated_at = now()`,
    [
      message.deliveryId,
      message.accountId,
      webhookIdOf(message),
      message.destination.kind === 'webhook_url' ? message.destination.url : null,
      message.eventType,
      message.eventId,
      message.body,
      status,
      attemptsAdded,
      lastError,
      message.createdAt,
    ],
  );
}

function webhookIdOf(message: DeliveryMessage): string | null {
  return message.destination.kind === 'webhook' ? message.destination.webhookId : null;
}

/** What the log's last_error shows for an attempt; null when it succeeded. */
function describeFailure(outcome: OutboundOutcome): string | null {
  if (outcome.kind === 'error') return `${outcome.error}: ${outcome.message}`.slice(0, 2000);
  return outcome.status >= 200 && outcome.status < 300 ? null : `HTTP ${outcome.status}`;
}
