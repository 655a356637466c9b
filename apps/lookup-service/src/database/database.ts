import { authEntities, authMigrations } from '@leadhooks/auth';
import { postgresDataSourceOptions } from '@leadhooks/persistence';
import type { DataSourceOptions } from 'typeorm';
import type { LookupConfig } from '../config/lookup.config';
import { LookupsSchema1764201800000 } from './migrations/1764201800000-lookups-schema';

/** lookup-service's database: its own `lookups` schema plus the shared `auth` one. */
export function lookupDataSourceOptions(
  config: Pick<LookupConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
): DataSourceOptions {
  return postgresDataSourceOptions({
    url: config.DATABASE_URL,
    applicationName: 'lookup-service',
    // The directory is read and written with plain SQL (upsert-if-newer, aggregates), so
    // it needs no entity; auth's are there for the API-key guard.
    entities: [...authEntities],
    migrations: [...authMigrations, LookupsSchema1764201800000],
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
