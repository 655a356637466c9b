import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource, type QueryRunner } from 'typeorm';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DeliveryLogMetrics } from './delivery-log.metrics';
import {
  finishedStatuses,
  moreToPurge,
  retentionCutoffs,
  type RetentionCutoffs,
  type RetentionPolicy,
} from './retention.policy';

/**
 * Session advisory lock held by the one instance purging; any constant the other
 * components do not use. Held on a connection of its own, so it goes if that connection dies.
 */
export const purgeLockKey = 6_702_067;

export interface PurgeResult {
  /** False when another instance held the lock: this one did nothing. */
  ran: boolean;
  deliveriesDeleted: number;
  bodiesDropped: number;
}

export interface PurgeOptions {
  /** Deliveries per statement: each one locks only these rows, briefly. */
  batchSize?: number;
  /** Between two statements, so the purge never hogs Postgres. */
  pauseMs?: number;
  /** Asked between batches: true ends the run early (the app is stopping). */
  stopping?: () => boolean;
}

const statuses = [...finishedStatuses];

/**
 * Deletes finished deliveries older than the retention (attempts and dead letters go with
 * them by ON DELETE CASCADE) and drops the bodies of those older than the body retention,
 * in small batches. Rows being written (locked) are skipped, never waited for.
 */
@Injectable()
export class DeliveryLogPurge {
  private readonly policy: RetentionPolicy;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: DeliveryLogMetrics,
    @Inject(DISPATCHER_CONFIG) config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.policy = {
      retentionMs: config.DELIVERY_RETENTION,
      bodyRetentionMs: config.DELIVERY_BODY_RETENTION,
    };
  }

  async run(now = new Date(), options: PurgeOptions = {}): Promise<PurgeResult> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }]: { locked: boolean }[] = await runner.query(
        `SELECT pg_try_advisory_lock($1) AS locked`,
        [purgeLockKey],
      );
      if (!locked) return { ran: false, deliveriesDeleted: 0, bodiesDropped: 0 };
      try {
        const result = await purgeBatches(runner, retentionCutoffs(now, this.policy), options);
        this.metrics.purgedDeliveries(result.deliveriesDeleted, result.bodiesDropped);
        if (result.deliveriesDeleted + result.bodiesDropped > 0) {
          this.logger.info(result, 'delivery log purged');
        }
        return result;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [purgeLockKey]);
      }
    } finally {
      await runner.release();
    }
  }
}

async function purgeBatches(
  runner: QueryRunner,
  cutoffs: RetentionCutoffs,
  { batchSize = 1_000, pauseMs = 100, stopping = () => false }: PurgeOptions,
): Promise<PurgeResult> {
  const result: PurgeResult = { ran: true, deliveriesDeleted: 0, bodiesDropped: 0 };
  const steps = [
    { statement: deleteFinished, before: cutoffs.deleteBefore, key: 'deliveriesDeleted' },
    { statement: dropFinishedBodies, before: cutoffs.dropBodyBefore, key: 'bodiesDropped' },
  ] as const;
  for (const { statement, before, key } of steps) {
    for (;;) {
      if (stopping()) return result;
      const [{ count }]: { count: number }[] = await runner.query(statement, [
        before,
        statuses,
        batchSize,
      ]);
      result[key] += count;
      if (!moreToPurge(count, batchSize)) break;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
  return result;
}

// Both statements find their rows through an index on created_at (the event's time, set
// once) and also require updated_at (the last attempt or dead-lettering) before the cutoff:
// a delivery dead-lettered or replayed recently stays, however old its event.
const candidates = (extra: string) => `
  SELECT id FROM dispatcher.delivery
   WHERE created_at < $1 AND updated_at < $1 AND status = ANY ($2::text[]) ${extra}
   ORDER BY created_at LIMIT $3
   FOR UPDATE SKIP LOCKED`;

const deleteFinished = `
  WITH batch AS (${candidates('')}),
  gone AS (DELETE FROM dispatcher.delivery d USING batch WHERE d.id = batch.id RETURNING 1)
  SELECT count(*)::int AS count FROM gone`;

// The dead letter's message is what a replay sends: without its body it can no longer be
// replayed, and the replay answers so (409) instead of sending an empty delivery.
const dropFinishedBodies = `
  WITH batch AS (${candidates('AND body IS NOT NULL')}),
  letters AS (
    UPDATE dispatcher.dead_letter l SET message = l.message - 'body'
      FROM batch WHERE l.delivery_id = batch.id),
  dropped AS (
    UPDATE dispatcher.delivery d SET body = NULL FROM batch WHERE d.id = batch.id RETURNING 1)
  SELECT count(*)::int AS count FROM dropped`;
