import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BackfillStatus } from './backfill.schemas';
import {
  fromBackfillRow,
  type BackfillRecord,
  type BackfillRow,
  type PartitionPosition,
} from './backfill.record';

export type NewBackfill = Pick<
  BackfillRecord,
  'id' | 'accountId' | 'webhookId' | 'since' | 'until' | 'earliest' | 'positions' | 'totalRecords'
>;

/** One batch read: how far the partition got and what it gave. */
export interface BackfillStep {
  partition: number;
  position: PartitionPosition;
  scanned: number;
  sent: number;
  skipped: number;
}

const columns = `id, account_id, webhook_id, status, since, until, earliest, positions,
  total_records, scanned_records, sent_deliveries, skipped_deliveries, error, created_at, finished_at`;

/** dispatcher.backfill: the state every dispatcher sees (decision 069). */
@Injectable()
export class BackfillStore {
  constructor(private readonly dataSource: DataSource) {}

  async insert(backfill: NewBackfill): Promise<BackfillRecord> {
    const rows: BackfillRow[] = await this.dataSource.query(
      `INSERT INTO dispatcher.backfill
         (id, account_id, webhook_id, status, since, until, earliest, positions, total_records)
       VALUES ($1, $2, $3, 'queued', $4, $5, $6, $7, $8)
       RETURNING ${columns}`,
      [
        backfill.id,
        backfill.accountId,
        backfill.webhookId,
        backfill.since,
        backfill.until,
        backfill.earliest,
        JSON.stringify(backfill.positions),
        backfill.totalRecords,
      ],
    );
    return fromBackfillRow(rows[0]);
  }

  async find(
    accountId: string,
    webhookId: string,
    id: string,
  ): Promise<BackfillRecord | undefined> {
    const rows: BackfillRow[] = await this.dataSource.query(
      `SELECT ${columns} FROM dispatcher.backfill
        WHERE id = $1 AND webhook_id = $2 AND account_id = $3`,
      [id, webhookId, accountId],
    );
    return rows[0] === undefined ? undefined : fromBackfillRow(rows[0]);
  }

  /** Cancels an unfinished backfill; one already finished is left as it is. */
  async cancel(accountId: string, webhookId: string, id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE dispatcher.backfill
          SET status = 'cancelled', finished_at = now(), updated_at = now(), lease_until = NULL
        WHERE id = $1 AND webhook_id = $2 AND account_id = $3 AND status IN ('queued', 'running')`,
      [id, webhookId, accountId],
    );
  }

  /**
   * Takes up to `limit` backfills nobody reads (queued, or running with an expired lease:
   * its process died), oldest first, leasing them to the caller for `leaseMs`.
   */
  async claim(limit: number, leaseMs: number): Promise<BackfillRecord[]> {
    // An UPDATE answers [rows, count] through TypeORM's Postgres driver.
    const [rows]: [BackfillRow[], number] = await this.dataSource.query(
      `UPDATE dispatcher.backfill b
          SET status = 'running', lease_until = now() + $2 * interval '1 millisecond',
              updated_at = now()
        WHERE b.id IN (
          SELECT id FROM dispatcher.backfill
           WHERE status = 'queued' OR (status = 'running' AND lease_until < now())
           ORDER BY created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING b.*`,
      [limit, leaseMs],
    );
    return rows.map(fromBackfillRow);
  }

  /**
   * Records one batch and renews the lease; answers the status after it, so a reader learns
   * of a cancellation (or of losing its lease) at its next batch.
   */
  async advance(id: string, step: BackfillStep, leaseMs: number): Promise<BackfillStatus | 'lost'> {
    const [rows]: [{ status: BackfillStatus }[], number] = await this.dataSource.query(
      `UPDATE dispatcher.backfill
          SET positions = jsonb_set(positions, ARRAY[$2::text], $3::jsonb),
              scanned_records = scanned_records + $4, sent_deliveries = sent_deliveries + $5,
              skipped_deliveries = skipped_deliveries + $6, updated_at = now(),
              lease_until = CASE WHEN status = 'running'
                                 THEN now() + $7 * interval '1 millisecond' END
        WHERE id = $1
        RETURNING status`,
      [
        id,
        String(step.partition),
        JSON.stringify(step.position),
        step.scanned,
        step.sent,
        step.skipped,
        leaseMs,
      ],
    );
    return rows[0]?.status ?? 'lost';
  }

  /** Ends a running backfill (a cancelled one stays cancelled). */
  async complete(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE dispatcher.backfill
          SET status = 'completed', error = NULL, finished_at = now(), updated_at = now(),
              lease_until = NULL
        WHERE id = $1 AND status = 'running'`,
      [id],
    );
  }

  /** Leaves the backfill to be taken up again after `delayMs`, saying why it stopped. */
  async retryLater(id: string, error: string, delayMs: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE dispatcher.backfill
          SET error = $2, lease_until = now() + $3 * interval '1 millisecond', updated_at = now()
        WHERE id = $1 AND status = 'running'`,
      [id, error.slice(0, 2000), delayMs],
    );
  }

  /** The delivery ids among `ids` the log already has a row for. */
  async knownDeliveries(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM dispatcher.delivery WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }
}
