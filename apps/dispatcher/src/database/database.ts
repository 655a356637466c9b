import { authEntities, authMigrations } from '@leadhooks/auth';
import { idempotencyMigrations } from '@leadhooks/idempotency';
import { postgresDataSourceOptions } from '@leadhooks/persistence';
import type { DataSourceOptions } from 'typeorm';
import type { DispatcherConfig } from '../config/dispatcher.config';
import { DispatcherSchema1764300000000 } from './migrations/1764300000000-dispatcher-schema';
import { WebhookRetrySchedule1764900000000 } from './migrations/1764900000000-webhook-retry-schedule';
import { DeliveryLogRetention1765000000000 } from './migrations/1765000000000-delivery-log-retention';
import { OperationalWebhooks1765100000000 } from './migrations/1765100000000-operational-webhooks';
import { WebhookBackfill1765200000000 } from './migrations/1765200000000-webhook-backfill';
import { AccountSecretRotation1765310000000 } from './migrations/1765310000000-account-secret-rotation';
import { WebhookSigningKeysAndFilters1765500000000 } from './migrations/1765500000000-webhook-signing-keys-and-filters';

/**
 * The dispatcher's database: its own `dispatcher` schema plus the shared `auth` one. Its
 * tables are reached with SQL (no entities): the queries are few, and upserts with
 * RETURNING read better as SQL than through the query builder.
 */
export function dispatcherDataSourceOptions(
  config: Pick<DispatcherConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
): DataSourceOptions {
  return postgresDataSourceOptions({
    url: config.DATABASE_URL,
    applicationName: 'dispatcher',
    entities: [...authEntities],
    migrations: [
      ...authMigrations,
      ...idempotencyMigrations,
      DispatcherSchema1764300000000,
      WebhookRetrySchedule1764900000000,
      DeliveryLogRetention1765000000000,
      OperationalWebhooks1765100000000,
      WebhookBackfill1765200000000,
      AccountSecretRotation1765310000000,
      WebhookSigningKeysAndFilters1765500000000,
    ],
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
