import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persistent failure (issue 16 item 5, decision 065): each webhook's failure history and
 * when it was disabled, and each account's operational webhook.
 */
export class OperationalWebhooks1765100000000 implements MigrationInterface {
  readonly name = 'OperationalWebhooks1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatcher.webhook
      ADD COLUMN disabled_at timestamptz,
      ADD COLUMN failing_since timestamptz,
      ADD COLUMN consecutive_dead_letters integer NOT NULL DEFAULT 0`);
    await runner.query(`CREATE TABLE dispatcher.operational_webhook (
      account_id uuid PRIMARY KEY,
      url text NOT NULL,
      headers jsonb NOT NULL DEFAULT '{}',
      secret text NOT NULL,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE dispatcher.operational_webhook`);
    await runner.query(`ALTER TABLE dispatcher.webhook
      DROP COLUMN consecutive_dead_letters, DROP COLUMN failing_since, DROP COLUMN disabled_at`);
  }
}
