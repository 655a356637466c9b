import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A backfill (decision 069): one webhook, a time window of leads.save_lead, and how far its
 * reading got per partition (`positions`: partition -> { next, end }), so progress and a
 * cancellation are seen by every dispatcher and a reading taken over after a crash resumes
 * where it stopped. `lease_until` says which process reads it until when.
 */
export class WebhookBackfill1765200000000 implements MigrationInterface {
  readonly name = 'WebhookBackfill1765200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE dispatcher.backfill (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        webhook_id uuid NOT NULL REFERENCES dispatcher.webhook (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'cancelled')),
        since timestamptz NOT NULL,
        until timestamptz NOT NULL,
        positions jsonb NOT NULL,
        total_records bigint NOT NULL,
        scanned_records bigint NOT NULL DEFAULT 0,
        sent_deliveries bigint NOT NULL DEFAULT 0,
        skipped_deliveries bigint NOT NULL DEFAULT 0,
        error text,
        earliest timestamptz,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX backfill_unfinished_idx ON dispatcher.backfill (created_at)
         WHERE status IN ('queued', 'running')`,
    );
    await runner.query(`CREATE INDEX backfill_webhook_idx ON dispatcher.backfill (webhook_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE IF EXISTS dispatcher.backfill`);
  }
}
