import { AccountEntity } from './account.entity';
import { ApiKeyEntity } from './api-key.entity';
import { AuthSchema1764201600000 } from './migrations/1764201600000-auth-schema';
import { ApiKeyLastUsed1765300000000 } from './migrations/1765300000000-api-key-last-used';

export { AccountEntity } from './account.entity';
export {
  AccountsService,
  apiKeyCacheTtlMs,
  type IssuedApiKey,
  type Principal,
} from './accounts.service';
export { ApiKeys, maxApiKeysPerAccount, type ApiKeyView } from './api-keys';
export { ApiKeyAuth } from './api-key-auth.decorator';
export { ApiKeyEntity } from './api-key.entity';
export { ApiKeyGuard, CurrentPrincipal, principalOf } from './api-key.guard';
export { AuthModule } from './auth.module';

/** Add to the app's DataSource entities. */
export const authEntities = [AccountEntity, ApiKeyEntity];
/** Add to the app's DataSource migrations (the auth schema, shared by every service). */
export const authMigrations = [AuthSchema1764201600000, ApiKeyLastUsed1765300000000];
