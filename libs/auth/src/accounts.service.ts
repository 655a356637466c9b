import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from './account.entity';
import { apiKeyMatches, apiKeyPrefix, generateApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { KeyCache } from './key-cache';
import { LastUsedRecorder } from './last-used';

/** Who a request acts for, as established from its API key. */
export interface Principal {
  accountId: string;
  apiKeyId: string;
}

export interface IssuedApiKey {
  id: string;
  accountId: string;
  prefix: string;
  /** Shown once, to whoever asked for it: only its hash is kept. */
  key: string;
}

/**
 * How long a key row is reused without asking the database: a key revoked by another
 * process (another instance; no CLI revokes keys yet) stops working within this. docs/decisions/034.
 */
export const apiKeyCacheTtlMs = 5_000;
const maxCachedKeys = 10_000;

/** Accounts and API keys: creation for operators, authentication for every request. */
export class AccountsService {
  private readonly keys: KeyCache;
  private readonly lastUsed: LastUsedRecorder;

  constructor(
    private readonly dataSource: DataSource,
    options: { keyCacheTtlMs?: number } = {},
  ) {
    this.keys = new KeyCache(options.keyCacheTtlMs ?? apiKeyCacheTtlMs, maxCachedKeys);
    this.lastUsed = new LastUsedRecorder(dataSource);
  }

  createAccount(name: string): Promise<AccountEntity> {
    return insertAccount(this.dataSource.manager, name);
  }

  /** `manager`: within the caller's transaction, when it has one. */
  issueApiKey(
    accountId: string,
    label: string | null = null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IssuedApiKey> {
    return insertApiKey(manager, accountId, label);
  }

  /** An account and its first key in one transaction: never an account nobody can use. */
  createAccountWithKey(name: string): Promise<{ account: AccountEntity; apiKey: IssuedApiKey }> {
    return this.dataSource.transaction(async (manager) => {
      const account = await insertAccount(manager, name);
      return { account, apiKey: await insertApiKey(manager, account.id, 'initial') };
    });
  }

  async revokeApiKey(id: string): Promise<void> {
    await this.dataSource.getRepository(ApiKeyEntity).update({ id }, { revokedAt: new Date() });
    this.keys.forgetId(id);
  }

  /** Drops a key this process may have cached, after it was revoked. */
  forgetKey(id: string): void {
    this.keys.forgetId(id);
  }

  /** The principal of a presented key, or undefined for a malformed, unknown or revoked one. */
  async authenticate(presented: string): Promise<Principal | undefined> {
    const prefix = apiKeyPrefix(presented);
    if (prefix === undefined) return undefined;
    const row = await this.keys.get(prefix, () =>
      this.dataSource.getRepository(ApiKeyEntity).findOne({
        where: { prefix },
        select: { id: true, accountId: true, keyHash: true, revokedAt: true },
      }),
    );
    if (row === null || row.revokedAt !== null || !apiKeyMatches(presented, row.keyHash))
      return undefined;
    this.lastUsed.touch(row.id);
    return { accountId: row.accountId, apiKeyId: row.id };
  }
}

async function insertAccount(manager: EntityManager, name: string): Promise<AccountEntity> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200)
    throw new RangeError('account name must be 1 to 200 characters');
  const account = Object.assign(new AccountEntity(), {
    id: randomUUID(),
    name: trimmed,
    createdAt: new Date(),
  });
  await manager.insert(AccountEntity, account);
  return account;
}

async function insertApiKey(
  manager: EntityManager,
  accountId: string,
  label: string | null,
): Promise<IssuedApiKey> {
  const generated = generateApiKey();
  const row = Object.assign(new ApiKeyEntity(), {
    id: randomUUID(),
    accountId,
    prefix: generated.prefix,
    keyHash: generated.hash,
    label,
    createdAt: new Date(),
    revokedAt: null,
  });
  await manager.insert(ApiKeyEntity, row);
  return { id: row.id, accountId, prefix: row.prefix, key: generated.key };
}
