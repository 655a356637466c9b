import type { DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'dead' | 'cancelled';

/** One attempt as the log keeps it. */
export interface AttemptRecord {
  url: string;
  outcome: OutboundOutcome;
  startedAt: Date;
}

/**
 * The delivery log in Postgres: one row per delivery id, one per attempt, and the dead
 * letters. Every write here completes before the Kafka offset that caused it is committed.
 */
@Injectable()
export class DeliveryLog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Logs an attempt and the delivery's status after it, atomically. One statement (the
   * delivery's upsert as a CTE feeding the attempt's insert) rather than a transaction of
   * two: BEGIN, two statements and COMMIT were four round trips to Postgres per attempt,
   * and on a busy host each socket write costs more than the SQL (docs/decisions/050).
   */
  async recordAttempt(
    message: DeliveryMessage,
    attempt: AttemptRecord,
    status: DeliveryStatus,
  ): Promise<void> {
    const { outcome } = attempt;
    const finishedAt = new Date(attempt.startedAt.getTime() + outcome.durationMs);
    const upsert = deliveryUpsert(message, status, describeFailure(outcome), 1);
    await this.dataSource.query(
      `WITH delivery AS (${upsert.sql} RETURNING id)
       INSERT INTO dispatcher.attempt
         (delivery_id, attempt_number, url, status_code, error_kind, error_message, response_snippet,
          duration_ms, started_at, finished_at)
       SELECT delivery.id,
              (SELECT COALESCE(MAX(attempt_number), 0) + 1 FROM dispatcher.attempt WHERE delivery_id = $1),
              $12, $13, $14, $15, $16, $17, $18, $19
         FROM delivery`,
      [
        ...upsert.params,
        attempt.url,
        outcome.kind === 'response' ? outcome.status : null,
        outcome.kind === 'error' ? outcome.error : null,
        outcome.kind === 'error' ? outcome.message.slice(0, 2000) : null,
        // Postgres text cannot hold NUL; a binary answer is shown without it.
        outcome.kind === 'response' ? outcome.bodySnippet.replace(/\0/g, '') : null,
        outcome.durationMs,
        attempt.startedAt,
        finishedAt,
      ],
    );
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
  const upsert = deliveryUpsert(message, status, lastError, attemptsAdded);
  await manager.query(upsert.sql, upsert.params);
}

/** The upsert as SQL with parameters $1 (the delivery id) to $11, to run or to embed. */
function deliveryUpsert(
  message: DeliveryMessage,
  status: DeliveryStatus,
  lastError: string | null,
  attemptsAdded: number,
): { sql: string; params: unknown[] } {
  return {
    sql: `INSERT INTO dispatcher.delivery
       (id, account_id, webhook_id, url, event_type, event_id, body, status, attempts, last_error, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
     ON CONFLICT (id) DO UPDATE
       SET status = EXCLUDED.status, attempts = dispatcher.delivery.attempts + $9,
           last_error = EXCLUDED.last_error, updated_at = now()`,
    params: [
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
  };
}

function webhookIdOf(message: DeliveryMessage): string | null {
  return message.destination.kind === 'webhook' ? message.destination.webhookId : null;
}

/** What the log's last_error shows for an attempt; null when it succeeded. */
function describeFailure(outcome: OutboundOutcome): string | null {
  if (outcome.kind === 'error') return `${outcome.error}: ${outcome.message}`.slice(0, 2000);
  return outcome.status >= 200 && outcome.status < 300 ? null : `HTTP ${outcome.status}`;
}
