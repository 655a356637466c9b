import type { DataSourceOptions, MixedList, EntitySchema, MigrationInterface } from 'typeorm';

export interface PostgresOptions {
  url: string;
  /** Shown in pg_stat_activity, so an operator can tell which service holds a connection. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
  entities: MixedList<Function | string | EntitySchema>;
  migrations: (new () => MigrationInterface)[];
  poolSize?: number;
  /** Server-side cap on one statement, ms: a runaway query fails instead of holding a connection. */
  statementTimeoutMs?: number;
}

/**
 * The one way our services configure TypeORM for Postgres: migrations only (never
 * `synchronize`), one migration history table per database shared by every schema's
 * migrations (docs/decisions/034), no query logging (statements carry personal data).
 */
export function postgresDataSourceOptions(options: PostgresOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: false,
    poolSize: options.poolSize ?? 10,
    extra: {
      statement_timeout: options.statementTimeoutMs ?? 15_000,
      // Waiting longer than this for a pooled connection means the service is overloaded;
      // failing lets the request end instead of piling up.
      connectionTimeoutMillis: 10_000,
    },
  };
}
