import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `lookups` schema, owned by lookup-service alone: its lead directory, a projection
 * of leads.save_lead. One row per lead (per account), replaced only by a newer version.
 */
export class LookupsSchema1764201800000 implements MigrationInterface {
  readonly name = 'LookupsSchema1764201800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS lookups`);
    // account_id has no foreign key into auth: the directory is built from events, and
    // an event may arrive before (or without) the account existing in this database.
    await runner.query(`
      CREATE TABLE lookups.directory_lead (
        account_id text NOT NULL,
        lead_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        event_id uuid NOT NULL,
        email text NOT NULL,
        email_local text NOT NULL,
        email_domain text NOT NULL,
        first_name text,
        last_name text,
        position text,
        company text,
        phone text,
        website text NOT NULL,
        linkedin text,
        twitter text,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, lead_id)
      )`);
    await runner.query(
      `CREATE INDEX directory_lead_domain_idx ON lookups.directory_lead (account_id, email_domain, occurred_at DESC, lead_id)`,
    );
    await runner.query(
      `CREATE INDEX directory_lead_email_idx ON lookups.directory_lead (account_id, email)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE lookups.directory_lead`);
    await runner.query(`DROP SCHEMA lookups`);
  }
}
