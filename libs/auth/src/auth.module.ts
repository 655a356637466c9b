import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from './accounts.service';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeys } from './api-keys';

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
    {
      provide: ApiKeys,
      useFactory: (dataSource: DataSource, accounts: AccountsService) =>
        new ApiKeys(dataSource, accounts),
      inject: [DataSource, AccountsService],
    },
    ApiKeyGuard,
  ],
  exports: [AccountsService, ApiKeys, ApiKeyGuard],
})
export class AuthModule {}
