import type { DeliveryMessage } from '@leadhooks/contracts';
import { ConflictException, NotFoundException } from '@leadhooks/http';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { resendableStatuses } from './deliveries.views';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { ReplayService } from './replay.service';

/** How many deliveries one bulk resend takes; `next_cursor` continues after them. */
export const maxBulkResend = 1_000;

export interface BulkResendFilter {
  webhookId?: string;
  status?: (typeof resendableStatuses)[number];
  eventType?: string;
  eventId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
}

interface DeliveryRow {
  id: string;
  account_id: string;
  webhook_id: string | null;
  url: string | null;
  event_type: DeliveryMessage['eventType'];
  event_id: string;
  body: string | null;
  status: string;
  created_at: string;
}

const columns = `id, account_id, webhook_id, url, event_type, event_id, body, status,
  to_json(created_at) #>> '{}' AS created_at`;

/**
 * Resends any finished delivery, not only a dead letter (a replay): the
 * logged body, to the same destination as configured now, with the same delivery id (so
 * the same `webhook-id`), recorded as a further attempt of that delivery.
 */
@Injectable()
export class ResendService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly replays: ReplayService,
  ) {}

  async resendOne(accountId: string, id: string): Promise<void> {
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM dispatcher.delivery WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    const row = rows[0];
    if (row === undefined) throw new NotFoundException('No such delivery in this account');
    if (row.body === null)
      throw new ConflictException(
        'This delivery can no longer be resent: its body was dropped after DELIVERY_BODY_RETENTION',
        'id',
      );
    if (!(resendableStatuses as readonly string[]).includes(row.status))
      throw new ConflictException(
        `This delivery is still ${row.status}: resend it once it is delivered, dead or cancelled`,
        'id',
      );
    await this.replays.sendAgain([messageOf(row, row.body)]);
  }

  /** Resends up to maxBulkResend matching deliveries, oldest first; the cursor goes on. */
  async resendMany(
    accountId: string,
    filter: BulkResendFilter,
  ): Promise<{ resent: number; next_cursor: string | null }> {
    const after = filter.cursor === undefined ? undefined : decodePageCursor(filter.cursor);
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM dispatcher.delivery
        WHERE account_id = $1 AND status = ANY ($2) AND body IS NOT NULL
          AND ($3::uuid IS NULL OR webhook_id = $3) AND ($4::text IS NULL OR status = $4)
          AND ($5::text IS NULL OR event_type = $5) AND ($6::text IS NULL OR event_id = $6)
          AND ($7::timestamptz IS NULL OR created_at >= $7) AND ($8::timestamptz IS NULL OR created_at < $8)
          AND ($9::timestamptz IS NULL OR (created_at, id) > ($9::timestamptz, $10::text))
        ORDER BY created_at, id LIMIT $11`,
      [
        accountId,
        resendableStatuses,
        filter.webhookId ?? null,
        filter.status ?? null,
        filter.eventType ?? null,
        filter.eventId ?? null,
        filter.from ?? null,
        filter.to ?? null,
        after?.at ?? null,
        after?.id ?? null,
        maxBulkResend + 1,
      ],
    );
    const taken = rows.slice(0, maxBulkResend);
    await this.replays.sendAgain(taken.map((row) => messageOf(row, row.body ?? '')));
    const last = taken.at(-1);
    return {
      resent: taken.length,
      next_cursor:
        rows.length > maxBulkResend && last !== undefined
          ? encodePageCursor({ at: last.created_at, id: last.id })
          : null,
    };
  }
}

/** The delivery as it travels, rebuilt from its log row (the destination from its columns). */
function messageOf(row: DeliveryRow, body: string): DeliveryMessage {
  const destination: DeliveryMessage['destination'] =
    row.webhook_id !== null
      ? { kind: 'webhook', webhookId: row.webhook_id }
      : row.url !== null
        ? { kind: 'webhook_url', url: row.url }
        : { kind: 'operational' };
  return {
    deliveryId: row.id,
    accountId: row.account_id,
    eventType: row.event_type,
    eventId: row.event_id,
    destination,
    body,
    createdAt: new Date(row.created_at).toISOString(),
    attemptsMade: 0,
  };
}
