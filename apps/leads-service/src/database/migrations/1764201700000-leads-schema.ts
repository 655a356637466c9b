import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `leads` schema, owned by leads-service alone: the leads and the transactional
 * outbox of their save_lead events.
 */
export class LeadsSchema1764201700000 implements MigrationInterface {
  readonly name = 'LeadsSchema1764201700000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS leads`);
    // account_id has no foreign key into auth: services share events, not tables, and
    // the auth schema may move to its own database without this one noticing.
    // email is stored lower-cased, so the plain unique constraint is case-insensitive.
    await runner.query(`
      CREATE TABLE leads.lead (
        id uuid PRIMARY KEY,
        account_id uuid NOT NULL,
        email text NOT NULL,
        email_domain text NOT NULL,
        website text NOT NULL,
        company text,
        first_name text,
        last_name text,
        phone text,
        position text,
        twitter text,
        linkedin text,
        notes text,
        score integer NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT lead_account_email_unique UNIQUE (account_id, email)
      )`);
    // Keyset pagination, newest first, with and without the domain filter.
    await runner.query(
      `CREATE INDEX lead_account_created_idx ON leads.lead (account_id, created_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX lead_account_domain_created_idx ON leads.lead (account_id, email_domain, created_at DESC, id DESC)`,
    );

    // id is the publish order; for one lead it is also commit order, because a lead's
    // outbox row is written while its row lock is held (see OutboxWriter).
    // payload is json, not jsonb: json keeps the text as written, so the seed's field
    // order survives to the webhook body.
    await runner.query(`
      CREATE TABLE leads.outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        account_id uuid NOT NULL,
        aggregate_id uuid NOT NULL,
        aggregate_version integer NOT NULL,
        event_type text NOT NULL,
        payload json NOT NULL,
        request_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await runner.query(
      `CREATE INDEX outbox_pending_idx ON leads.outbox (id) WHERE sent_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX outbox_pending_aggregate_idx ON leads.outbox (aggregate_id, id) WHERE sent_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX outbox_sent_idx ON leads.outbox (sent_at) WHERE sent_at IS NOT NULL`,
    );

    // Wakes the publishers at commit (NOTIFY is delivered then, and collapsed per
    // transaction), so an event leaves within milliseconds instead of at the next poll.
    await runner.query(`
      CREATE FUNCTION leads.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('leads_outbox', '');
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON leads.outbox
      FOR EACH STATEMENT EXECUTE FUNCTION leads.notify_outbox()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE leads.outbox`);
    await runner.query(`DROP FUNCTION leads.notify_outbox()`);
    await runner.query(`DROP TABLE leads.lead`);
    await runner.query(`DROP SCHEMA leads`);
  }
}
