import { authEntities, authMigrations } from '@leadhooks/auth';
import { idempotencyMigrations } from '@leadhooks/idempotency';
import { postgresDataSourceOptions } from '@leadhooks/persistence';
import type { DataSourceOptions } from 'typeorm';
import type { LeadsConfig } from '../config/leads.config';
import { LeadEntity } from '../leads/lead.entity';
import { OutboxEntity } from '../outbox/outbox.entity';
import { LeadsSchema1764201700000 } from './migrations/1764201700000-leads-schema';

/** leads-service's database: its own `leads` schema plus the shared `auth` one. */
export function leadsDataSourceOptions(
  config: Pick<LeadsConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
): DataSourceOptions {
  return postgresDataSourceOptions({
    url: config.DATABASE_URL,
    applicationName: 'leads-service',
    entities: [...authEntities, LeadEntity, OutboxEntity],
    migrations: [...authMigrations, ...idempotencyMigrations, LeadsSchema1764201700000],
    poolSize: config.DATABASE_POOL_SIZE,
  });
}
