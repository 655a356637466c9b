import type { DataSource } from 'typeorm';

// Any constant works as long as every service uses the same one: it names the lock that
// serialises migrations across all services sharing the database.
const migrationLockKey = 0x6c68_6d67; // "lhmg"

/**
 * Runs pending migrations while holding a Postgres advisory lock, so several instances
 * (or several services sharing the `auth` schema's migrations) starting at once run each
 * migration exactly once: the second waits, then finds nothing pending.
 * Each migration runs in its own transaction. Returns the names of those it ran.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lockRunner = dataSource.createQueryRunner();
  await lockRunner.connect();
  try {
    await lockRunner.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((migration) => migration.name);
    } finally {
      await lockRunner.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
    }
  } finally {
    await lockRunner.release();
  }
}
