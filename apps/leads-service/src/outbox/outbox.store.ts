import { SaveLeadEvent } from '@leadhooks/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import { publishableInOrder } from './publishable';

export interface ClaimedEvent {
  id: string;
  event: SaveLeadEvent;
  requestId: string | null;
}

/**
 * Rows locked by one open transaction. Exactly one of markSent/release must be called;
 * until then no other publisher can take them (and a crash releases them: the
 * connection dies, the transaction rolls back, the rows are pending again).
 */
export interface ClaimedBatch {
  /** What may be published now, in publish order. */
  readonly events: readonly ClaimedEvent[];
  /** Claimed rows kept back to preserve a lead's order; they stay pending. */
  readonly heldBack: number;
  /** Marks `events` sent and commits. */
  markSent(): Promise<void>;
  /** Rolls back: everything claimed is pending again. */
  release(): Promise<void>;
}

export interface OutboxStore {
  claim(limit: number): Promise<ClaimedBatch>;
  /** Deletes rows sent before `before`; returns how many. */
  deleteSentBefore(before: Date): Promise<number>;
}

interface PendingRow {
  id: string;
  aggregate_id: string;
  payload: unknown;
  request_id: string | null;
}

/**
 * The outbox in Postgres. `FOR UPDATE SKIP LOCKED` lets several publishers claim
 * disjoint batches without waiting on each other; publishableInOrder then keeps each
 * lead's events in order across them.
 */
export class PgOutboxStore implements OutboxStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly onInvalidRow: (id: string, error: unknown) => void,
  ) {}

  async claim(limit: number): Promise<ClaimedBatch> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: PendingRow[] = await runner.query(
        // ORDER BY o.id, not id: the bare name would bind to the text output column and
        // sort "10" before "9".
        `SELECT o.id::text AS id, o.aggregate_id, o.payload, o.request_id FROM leads.outbox o
          WHERE o.sent_at IS NULL ORDER BY o.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const claimed = rows.map((row) => ({ ...row, aggregateId: row.aggregate_id }));
      const foreign = await this.firstForeignPending(runner, claimed);
      const { publishable, heldBack } = publishableInOrder(claimed, foreign);
      const events = this.parse(publishable);
      return this.batch(runner, events, heldBack.length + publishable.length - events.length);
    } catch (error) {
      await rollback(runner);
      throw error;
    }
  }

  async deleteSentBefore(before: Date): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM leads.outbox WHERE sent_at IS NOT NULL AND sent_at < $1`,
      [before],
    );
    return result[1];
  }

  private async firstForeignPending(
    runner: QueryRunner,
    claimed: readonly { id: string; aggregateId: string }[],
  ): Promise<Map<string, string>> {
    if (claimed.length === 0) return new Map();
    const rows: { aggregate_id: string; first_id: string }[] = await runner.query(
      `SELECT aggregate_id, min(id)::text AS first_id FROM leads.outbox
        WHERE sent_at IS NULL AND aggregate_id = ANY($1::uuid[]) AND NOT (id = ANY($2::bigint[]))
        GROUP BY aggregate_id`,
      [[...new Set(claimed.map((row) => row.aggregateId))], claimed.map((row) => row.id)],
    );
    return new Map(rows.map((row) => [row.aggregate_id, row.first_id]));
  }

  /**
   * A row that does not parse cannot be published, nor skipped without reordering its
   * lead; it (and its lead's later rows) stay pending and are reported. The writer
   * validates every event, so this means someone edited the table by hand.
   */
  private parse(rows: readonly PendingRow[]): ClaimedEvent[] {
    const events: ClaimedEvent[] = [];
    const poisoned = new Set<string>();
    for (const row of rows) {
      if (poisoned.has(row.aggregate_id)) continue;
      const parsed = SaveLeadEvent.safeParse(row.payload);
      if (parsed.success)
        events.push({ id: row.id, event: parsed.data, requestId: row.request_id });
      else {
        poisoned.add(row.aggregate_id);
        this.onInvalidRow(row.id, parsed.error);
      }
    }
    return events;
  }

  private batch(runner: QueryRunner, events: ClaimedEvent[], heldBack: number): ClaimedBatch {
    let done = false;
    const finish = async (commit: boolean): Promise<void> => {
      if (done) throw new Error('outbox batch already finished');
      done = true;
      try {
        if (commit && events.length > 0) {
          await runner.query(
            `UPDATE leads.outbox SET sent_at = now() WHERE id = ANY($1::bigint[])`,
            [events.map((event) => event.id)],
          );
        }
        await (commit ? runner.commitTransaction() : runner.rollbackTransaction());
      } catch (error) {
        await rollback(runner);
        throw error;
      } finally {
        if (!runner.isReleased) await runner.release();
      }
    };
    return { events, heldBack, markSent: () => finish(true), release: () => finish(false) };
  }
}

async function rollback(runner: QueryRunner): Promise<void> {
  if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
  if (!runner.isReleased) await runner.release();
}
