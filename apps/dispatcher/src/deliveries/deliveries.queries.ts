import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AttemptView,
  DeadLetterView,
  DeliveryDetailView,
  DeliveryView,
} from './deliveries.views';
import { decodePageCursor, encodePageCursor } from './page-cursor';

export type { AttemptView, DeadLetterView, DeliveryView } from './deliveries.views';

export interface DeliveryFilter {
  webhookId?: string;
  status?: string;
  eventType?: string;
  eventId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

export interface DeadLetterFilter {
  webhookId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

const deliveryColumns = `id, webhook_id, url, event_type, event_id, status, attempts, last_error,
  retry_schedule,
  to_json(created_at) #>> '{}' AS created_at, to_json(updated_at) #>> '{}' AS updated_at`;

/** Reads of the delivery log, always within one account. */
@Injectable()
export class DeliveriesQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first by (created_at, id); one extra row tells whether there is a next page. */
  async listDeliveries(accountId: string, filter: DeliveryFilter): Promise<Page<DeliveryView>> {
    const after = filter.cursor === undefined ? undefined : decodePageCursor(filter.cursor);
    const rows: DeliveryView[] = await this.dataSource.query(
      `SELECT ${deliveryColumns} FROM dispatcher.delivery
        WHERE account_id = $1 AND ($2::uuid IS NULL OR webhook_id = $2)
          AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR event_type = $4)
          AND ($5::text IS NULL OR event_id = $5)
          AND ($6::timestamptz IS NULL OR created_at >= $6) AND ($7::timestamptz IS NULL OR created_at < $7)
          AND ($8::timestamptz IS NULL OR (created_at, id) < ($8::timestamptz, $9::text))
        ORDER BY created_at DESC, id DESC LIMIT $10`,
      [
        accountId,
        filter.webhookId ?? null,
        filter.status ?? null,
        filter.eventType ?? null,
        filter.eventId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.at ?? null,
        after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return pageOf(rows, filter.limit, (row) => ({ at: row.created_at, id: row.id }));
  }

  async getDelivery(accountId: string, id: string): Promise<DeliveryDetailView | undefined> {
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

  /** Newest first by (dead_lettered_at, delivery_id), paged like the deliveries. */
  async listDeadLetters(
    accountId: string,
    filter: DeadLetterFilter,
  ): Promise<Page<DeadLetterView>> {
    const after = filter.cursor === undefined ? undefined : decodePageCursor(filter.cursor);
    const rows: DeadLetterView[] = await this.dataSource.query(
      `SELECT d.delivery_id, d.webhook_id, v.event_type, v.event_id, d.reason,
              to_json(d.dead_lettered_at) #>> '{}' AS dead_lettered_at, to_json(d.replayed_at) #>> '{}' AS replayed_at
         FROM dispatcher.dead_letter d JOIN dispatcher.delivery v ON v.id = d.delivery_id
        WHERE d.account_id = $1 AND ($2::uuid IS NULL OR d.webhook_id = $2)
          AND ($3::timestamptz IS NULL OR d.dead_lettered_at >= $3)
          AND ($4::timestamptz IS NULL OR d.dead_lettered_at < $4)
          AND ($5::timestamptz IS NULL OR (d.dead_lettered_at, d.delivery_id) < ($5::timestamptz, $6::text))
        ORDER BY d.dead_lettered_at DESC, d.delivery_id DESC LIMIT $7`,
      [
        accountId,
        filter.webhookId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.at ?? null,
        after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return pageOf(rows, filter.limit, (row) => ({ at: row.dead_lettered_at, id: row.delivery_id }));
  }
}

function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => { at: string; id: string },
): Page<T> {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    next_cursor: rows.length > limit && last !== undefined ? encodePageCursor(keyOf(last)) : null,
  };
}
