import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The account's webhook_url secret rotates like a webhook's (decision 071): the previous
 * secret keeps signing (a second signature) until previous_secret_expires_at.
 */
export class AccountSecretRotation1765310000000 implements MigrationInterface {
  readonly name = 'AccountSecretRotation1765310000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dispatcher.account_secret
        ADD COLUMN previous_secret text,
        ADD COLUMN previous_secret_expires_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dispatcher.account_secret
        DROP COLUMN previous_secret, DROP COLUMN previous_secret_expires_at`);
  }
}
