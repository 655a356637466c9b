export { isUniqueViolation } from './pg-errors';
export { postgresOutage } from './postgres-outage';
export { PgListener, type PgListenerOptions } from './pg-listener';
export { PostgresHealthIndicator } from './postgres-health';
export { postgresDataSourceOptions, type PostgresOptions } from './postgres-options';
export { runMigrations } from './run-migrations';
export { MigrationRunner, migrationRunnerProvider } from './migration-runner';
export { healthIndicatorsProvider } from './health-indicators.provider';
