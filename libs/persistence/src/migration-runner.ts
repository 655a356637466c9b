import type { OnModuleInit, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { runMigrations } from './run-migrations';

/**
 * Brings a service's schema up to date before anything else runs: Nest calls every
 * onModuleInit before bootstrap, so no consumer or route sees an old schema.
 */
export class MigrationRunner implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enabled: boolean,
    private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.enabled) return;
    const ran = await runMigrations(this.dataSource);
    if (ran.length > 0) this.logger.info({ migrations: ran }, 'ran database migrations');
  }
}

/** How each service registers it: on the DataSource that TypeOrmModule.forRoot made. */
export function migrationRunnerProvider(enabled: boolean, logger: Logger): Provider {
  return {
    provide: MigrationRunner,
    useFactory: (dataSource: DataSource) => new MigrationRunner(dataSource, enabled, logger),
    inject: [DataSource],
  };
}
