import { DeliveryMessage } from '@leadhooks/contracts';
import { ConflictException, NotFoundException } from '@leadhooks/http';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryRouter, withoutSchedule } from '../delivery/delivery.router';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';

/** How many dead letters one bulk replay takes; call again for more. */
export const maxBulkReplay = 1_000;

export interface BulkReplayFilter {
  webhookId?: string;
  from?: Date;
  to?: Date;
}

/**
 * A replay puts the dead letter's message back on webhooks.deliveries with the same
 * delivery id (so the same `webhook-id`) and a fresh ladder of attempts. The message is
 * sent first and marked replayed after: a crash in between replays it twice, never zero times.
 */
@Injectable()
export class ReplayService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly router: DeliveryRouter,
    private readonly metrics: DispatcherMetrics,
  ) {}

  async replayOne(accountId: string, deliveryId: string): Promise<void> {
    const rows: { message: unknown }[] = await this.dataSource.query(
      `SELECT message FROM dispatcher.dead_letter WHERE account_id = $1 AND delivery_id = $2`,
      [accountId, deliveryId],
    );
    if (rows.length === 0) throw new NotFoundException('No such dead letter in this account');
    if (!hasBody(rows[0].message)) {
      throw new ConflictException(
        'This dead letter can no longer be replayed: its body was dropped after DELIVERY_BODY_RETENTION',
        'id',
      );
    }
    await this.replay([rows[0].message]);
  }

  /**
   * Replays the not-yet-replayed dead letters matching the filter; returns how many. Those
   * whose body was dropped by retention cannot be sent again and are left out.
   */
  async replayMany(accountId: string, filter: BulkReplayFilter): Promise<number> {
    const rows: { message: unknown }[] = await this.dataSource.query(
      `SELECT message FROM dispatcher.dead_letter
        WHERE account_id = $1 AND replayed_at IS NULL AND message ->> 'body' IS NOT NULL
          AND ($2::uuid IS NULL OR webhook_id = $2)
          AND ($3::timestamptz IS NULL OR dead_lettered_at >= $3)
          AND ($4::timestamptz IS NULL OR dead_lettered_at < $4)
        ORDER BY dead_lettered_at LIMIT $5`,
      [accountId, filter.webhookId ?? null, filter.from ?? null, filter.to ?? null, maxBulkReplay],
    );
    await this.replay(rows.map((row) => row.message));
    return rows.length;
  }

  private replay(stored: unknown[]): Promise<void> {
    return this.sendAgain(stored.map((value) => DeliveryMessage.parse(value)));
  }

  /**
   * Sends deliveries again (a replay or a resend): same delivery id, a fresh ladder, so the
   * next attempt is logged as a further attempt of the same delivery. A dead letter among
   * them is marked replayed; a finished delivery goes back to pending.
   */
  async sendAgain(sent: readonly DeliveryMessage[]): Promise<void> {
    if (sent.length === 0) return;
    const messages = sent.map((message) => ({ ...withoutSchedule(message), attemptsMade: 0 }));
    // The worker may record the new attempt before the status below is written: a row
    // written after this moment already holds that outcome and must not go back to pending.
    const [{ sendingAt }] = await this.dataSource.query<{ sendingAt: Date }[]>(
      'SELECT clock_timestamp() AS "sendingAt"',
    );
    await this.router.toDeliveries(messages);
    const ids = messages.map((message) => message.deliveryId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE dispatcher.dead_letter SET replayed_at = now() WHERE delivery_id = ANY ($1)`,
        [ids],
      );
      await manager.query(
        `UPDATE dispatcher.delivery SET status = 'pending', updated_at = now()
          WHERE id = ANY ($1) AND status IN ('delivered', 'dead', 'cancelled')
            AND updated_at < $2`,
        [ids, sendingAt],
      );
    });
    this.metrics.replayed(messages.length);
  }
}

/** False once retention dropped the body from the stored message (decision 067). */
function hasBody(stored: unknown): boolean {
  return (
    typeof stored === 'object' && stored !== null && typeof Reflect.get(stored, 'body') === 'string'
  );
}
