import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `idempotency` schema (decision 070): one row per (account, Idempotency-Key), the
 * request's fingerprint and, once it succeeded, the answer to give again. Every service
 * with idempotent operations runs this migration; the shared history table and advisory
 * lock (libs/persistence) make it run once per database.
 */
export class IdempotencySchema1765320000000 implements MigrationInterface {
  readonly name = 'IdempotencySchema1765320000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS idempotency`);
    // status_code NULL: the first request is still running.
    await runner.query(`
      CREATE TABLE idempotency.request (
        account_id uuid NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        fingerprint bytea NOT NULL CHECK (length(fingerprint) = 32),
        status_code integer,
        response jsonb,
        location text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, key)
      )`);
    await runner.query(`CREATE INDEX request_expires_idx ON idempotency.request (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA idempotency CASCADE`);
  }
}
