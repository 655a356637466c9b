import { runMigrations } from '@leadhooks/persistence';
import { DataSource } from 'typeorm';
import { leadsDataSourceOptions } from '../database/database';
import { cliDatabaseUrl } from './database-url';

/**
 * Runs `work` with leads-service's database (migrated first, so a fresh one works), then
 * closes it. The URL: DATABASE_URL, else the running local stack's.
 */
export async function withCliDatabase<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(
    leadsDataSourceOptions({ DATABASE_URL: cliDatabaseUrl(), DATABASE_POOL_SIZE: 2 }),
  );
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Prints why a CLI failed, named, and exits 1. */
export function failCli(command: string): (error: unknown) => never {
  return (error) => {
    process.stderr.write(
      `${command} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  };
}
