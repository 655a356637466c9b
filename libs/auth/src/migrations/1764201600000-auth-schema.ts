import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `auth` schema: accounts and their API keys. Every service that authenticates runs
 * this migration; the shared history table and advisory lock (libs/persistence) make
 * sure it runs once per database.
 */
export class AuthSchema1764201600000 implements MigrationInterface {
  readonly name = 'AuthSchema1764201600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS auth`);
    await runner.query(`
      CREATE TABLE auth.account (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE auth.api_key (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES auth.account (id) ON DELETE CASCADE,
        prefix text NOT NULL,
        key_hash bytea NOT NULL CHECK (length(key_hash) = 32),
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT api_key_prefix_unique UNIQUE (prefix)
      )`);
    await runner.query(`CREATE INDEX api_key_account_idx ON auth.api_key (account_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE auth.api_key`);
    await runner.query(`DROP TABLE auth.account`);
    await runner.query(`DROP SCHEMA auth`);
  }
}
