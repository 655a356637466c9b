import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DeliveryView {
  id: string;
  webhook_id: string | null;
  url: string | null;
  event_type: string;
  event_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  /** The retry delays of its last attempt, e.g. `5s,5m,30m`. */
  retry_schedule: string | null;
  created_at: string;
  updated_at: string;
}

export interface AttemptView {
  attempt_number: number;
  url: string;
  status_code: number | null;
  error_kind: string | null;
  error_message: string | null;
  response_snippet: string | null;
  duration_ms: number;
  started_at: string;
  finished_at: string;
}

export interface DeadLetterView {
  delivery_id: string;
  webhook_id: string | null;
  event_type: string;
  event_id: string;
  reason: string;
  dead_lettered_at: string;
  replayed_at: string | null;
}

export interface DeliveryFilter {
  webhookId?: string;
  eventId?: string;
  limit: number;
}

const deliveryColumns = `id, webhook_id, url, event_type, event_id, status, attempts, last_error,
  retry_schedule,
  to_json(created_at) #>> '{}' AS created_at, to_json(updated_at) #>> '{}' AS updated_at`;

/** Reads of the delivery log, always within one account. */
@Injectable()
export class DeliveriesQueries {
  constructor(private readonly dataSource: DataSource) {}

  listDeliveries(accountId: string, filter: DeliveryFilter): Promise<DeliveryView[]> {
    return this.dataSource.query(
      `SELECT ${deliveryColumns} FROM dispatcher.delivery
        WHERE account_id = $1 AND ($2::uuid IS NULL OR webhook_id = $2) AND ($3::text IS NULL OR event_id = $3)
        ORDER BY created_at DESC, id LIMIT $4`,
      [accountId, filter.webhookId ?? null, filter.eventId ?? null, filter.limit],
    );
  }

  async getDelivery(
    accountId: string,
    id: string,
  ): Promise<(DeliveryView & { body: string | null; attempts_log: AttemptView[] }) | undefined> {
    // body: the exact bytes every attempt sent (and a replay sends again), for the console;
    // null once DELIVERY_BODY_RETENTION dropped it.
    const rows: (DeliveryView & { body: string | null })[] = await this.dataSource.query(
      `SELECT ${deliveryColumns}, body FROM dispatcher.delivery WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    if (rows.length === 0) return undefined;
    const attempts: AttemptView[] = await this.dataSource.query(
      `SELECT attempt_number, url, status_code, error_kind, error_message, response_snippet, duration_ms,
              to_json(started_at) #>> '{}' AS started_at, to_json(finished_at) #>> '{}' AS finished_at
         FROM dispatcher.attempt WHERE delivery_id = $1 ORDER BY id`,
      [id],
    );
    return { ...rows[0], attempts_log: attempts };
  }

  listDeadLetters(
    accountId: string,
    filter: { webhookId?: string; from?: Date; to?: Date; limit: number },
  ): Promise<DeadLetterView[]> {
    return this.dataSource.query(
      `SELECT d.delivery_id, d.webhook_id, v.event_type, v.event_id, d.reason,
              to_json(d.dead_lettered_at) #>> '{}' AS dead_lettered_at, to_json(d.replayed_at) #>> '{}' AS replayed_at
         FROM dispatcher.dead_letter d JOIN dispatcher.delivery v ON v.id = d.delivery_id
        WHERE d.account_id = $1 AND ($2::uuid IS NULL OR d.webhook_id = $2)
          AND ($3::timestamptz IS NULL OR d.dead_lettered_at >= $3)
          AND ($4::timestamptz IS NULL OR d.dead_lettered_at < $4)
        ORDER BY d.dead_lettered_at DESC, d.delivery_id LIMIT $5`,
      [accountId, filter.webhookId ?? null, filter.from ?? null, filter.to ?? null, filter.limit],
    );
  }
}
