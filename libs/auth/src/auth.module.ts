import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from './accounts.service';
import { ApiKeyGuard } from './api-key.guard';

/**
 * Accounts and API-key authentication for a Nest app that has a TypeORM DataSource
 * whose entities include `authEntities` and whose migrations include `authMigrations`.
 */
@Module({
  providers: [
    {
      provide: AccountsService,
      useFactory: (dataSource: DataSource) => new AccountsService(dataSource),
      inject: [DataSource],
    },
    ApiKeyGuard,
  ],
  exports: [AccountsService, ApiKeyGuard],
})
export class AuthModule {}
