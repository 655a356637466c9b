import { createTestDatabase, waitFor, type TestDatabase } from '@leadhooks/testing';
import { Client } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { isUniqueViolation } from './pg-errors';
import { PgListener } from './pg-listener';
import { postgresDataSourceOptions } from './postgres-options';
import { runMigrations } from './run-migrations';

// Deliberately not idempotent: run twice, the second CREATE TABLE fails.
class CreateThings1700000000001 implements MigrationInterface {
  readonly name = 'CreateThings1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE things (id int PRIMARY KEY, name text UNIQUE)`);
    // Long enough for a concurrent runner to arrive while this one holds the lock.
    await runner.query(`SELECT pg_sleep(0.2)`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE things`);
  }
}

class AddColour1700000000002 implements MigrationInterface {
  readonly name = 'AddColour1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE things ADD COLUMN colour text`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE things DROP COLUMN colour`);
  }
}

describe('persistence against Postgres', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  const dataSource = async (migrations: (new () => MigrationInterface)[]) => {
    const source = new DataSource(
      postgresDataSourceOptions({
        url: database.url,
        applicationName: 'persistence-spec',
        entities: [],
        migrations,
        poolSize: 3,
      }),
    );
    await source.initialize();
    sources.push(source);
    return source;
  };

  beforeAll(async () => {
    database = await createTestDatabase('persistence');
  });

  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await database?.drop();
  });

  it('runs each migration exactly once when several instances start together', async () => {
    const migrations = [CreateThings1700000000001, AddColour1700000000002];
    const instances = await Promise.all([1, 2, 3].map(() => dataSource(migrations)));
    const ran = await Promise.all(instances.map((source) => runMigrations(source)));
    expect(ran.flat().sort()).toEqual(['AddColour1700000000002', 'CreateThings1700000000001']);
    const history = await instances[0].query(`SELECT name FROM schema_migrations ORDER BY id`);
    expect(history).toEqual([
      { name: 'CreateThings1700000000001' },
      { name: 'AddColour1700000000002' },
    ]);
    // A later start finds nothing to do.
    expect(await runMigrations(instances[1])).toEqual([]);
  });

  it('recognises a unique violation by its constraint', async () => {
    const source = sources[0];
    await source.query(`INSERT INTO things (id, name) VALUES (1, 'a')`);
    const error = await source
      .query(`INSERT INTO things (id, name) VALUES (2, 'a')`)
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'things_name_key')).toBe(true);
    expect(isUniqueViolation(error, 'things_pkey')).toBe(false);
    expect(isUniqueViolation(new Error('23505'))).toBe(false);
  });

  it('hears NOTIFY, and hears it again after its connection was killed', async () => {
    let notified = 0;
    const errors: Error[] = [];
    const listener = new PgListener({
      url: database.url,
      channel: 'spec_channel',
      onNotify: () => (notified += 1),
      onError: (error) => errors.push(error),
      reconnectMs: { initial: 20, max: 200 },
    });
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await listener.start();
      // One call on connect: notifications sent while it was away are lost, so look once.
      expect(notified).toBe(1);
      await admin.query(`NOTIFY spec_channel`);
      await waitFor('the notification', () => (notified >= 2 ? true : undefined));

      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'listen:spec_channel'`,
      );
      await waitFor('the reconnect', () =>
        errors.length > 0 && listener.listening ? true : undefined,
      );
      const before = notified;
      await admin.query(`NOTIFY spec_channel`);
      await waitFor('a notification after the reconnect', () =>
        notified > before ? true : undefined,
      );
    } finally {
      await listener.stop();
      await admin.end();
    }
  });
});
