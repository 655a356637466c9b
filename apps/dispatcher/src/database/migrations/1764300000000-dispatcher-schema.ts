import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `dispatcher` schema, owned by the dispatcher alone: webhook configuration, the
 * per-account secrets of ad-hoc webhook_url deliveries, the delivery log and dead letters.
 * account_id has no foreign key into auth: services share events, not tables.
 */
export class DispatcherSchema1764300000000 implements MigrationInterface {
  readonly name = 'DispatcherSchema1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS dispatcher`);
    // headers: {name: value}, write-only through the API. previous_secret keeps signing
    // until previous_secret_expires_at, so receivers can switch secrets without a gap.
    await runner.query(`
      CREATE TABLE dispatcher.webhook (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        name text NOT NULL,
        url text NOT NULL,
        method text NOT NULL CHECK (method IN ('POST', 'PUT', 'PATCH')),
        headers jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        disabled_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT webhook_account_name_unique UNIQUE (account_id, name)
      )`);
    await runner.query(
      `CREATE INDEX webhook_account_created_idx ON dispatcher.webhook (account_id, created_at, id)`,
    );

    await runner.query(`
      CREATE TABLE dispatcher.account_secret (
        account_id uuid PRIMARY KEY,
        secret text NOT NULL,
        created_at timestamptz NOT NULL
      )`);

    // One row per delivery id (the webhook-id), updated by each attempt; body is the exact
    // text that is signed and sent. webhook_id stays after the webhook is deleted: the log
    // outlives its configuration.
    await runner.query(`
      CREATE TABLE dispatcher.delivery (
        id text PRIMARY KEY,
        account_id uuid NOT NULL,
        webhook_id uuid,
        url text,
        event_type text NOT NULL,
        event_id text NOT NULL,
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'retrying', 'dead', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX delivery_webhook_created_idx ON dispatcher.delivery (webhook_id, created_at)`,
    );
    await runner.query(
      `CREATE INDEX delivery_account_event_idx ON dispatcher.delivery (account_id, event_id)`,
    );

    await runner.query(`
      CREATE TABLE dispatcher.attempt (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id text NOT NULL REFERENCES dispatcher.delivery (id) ON DELETE CASCADE,
        attempt_number integer NOT NULL,
        url text NOT NULL,
        status_code integer,
        error_kind text,
        error_message text,
        response_snippet text,
        duration_ms integer NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX attempt_delivery_idx ON dispatcher.attempt (delivery_id, id)`);

    // message: the DeliveryMessage as it was when it died, what a replay sends again.
    await runner.query(`
      CREATE TABLE dispatcher.dead_letter (
        delivery_id text PRIMARY KEY REFERENCES dispatcher.delivery (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        webhook_id uuid,
        reason text NOT NULL,
        message jsonb NOT NULL,
        dead_lettered_at timestamptz NOT NULL,
        replayed_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX dead_letter_account_idx ON dispatcher.dead_letter (account_id, dead_lettered_at)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP SCHEMA dispatcher CASCADE`);
  }
}
