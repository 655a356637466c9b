import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys as a resource (decision 071): when each was last used, written at most once a
 * minute per key and process, and a bound on a key's name. Listing an account's keys
 * uses the existing (account_id) index.
 */
export class ApiKeyLastUsed1765300000000 implements MigrationInterface {
  readonly name = 'ApiKeyLastUsed1765300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE auth.api_key ADD COLUMN last_used_at timestamptz`);
    await runner.query(
      `ALTER TABLE auth.api_key ADD CONSTRAINT api_key_label_length CHECK (length(label) <= 200) NOT VALID`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE auth.api_key DROP CONSTRAINT api_key_label_length`);
    await runner.query(`ALTER TABLE auth.api_key DROP COLUMN last_used_at`);
  }
}
