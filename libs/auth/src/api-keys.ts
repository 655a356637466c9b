import { ConflictException } from '@leadhooks/http';
import type { DataSource } from 'typeorm';
import type { AccountsService } from './accounts.service';

/** An account's API key as it is listed: never the key itself, which is shown once. */
export interface ApiKeyView {
  id: string;
  name: string | null;
  /** The key's public part (`lh_<prefix>_…`), to tell keys apart. */
  prefix: string;
  created_at: string;
  /** Updated at most once a minute per key and process (decision 071); null: never used. */
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Keys an account may hold unrevoked at once: a bound on what one caller can make. */
export const maxApiKeysPerAccount = 100;

const columns = `id, label AS name, prefix,
  to_json(created_at) #>> '{}' AS created_at, to_json(last_used_at) #>> '{}' AS last_used_at,
  to_json(revoked_at) #>> '{}' AS revoked_at`;

/** An account's API keys as a resource: create (the key shown once), list, revoke. */
export class ApiKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
  ) {}

  /** Every key of the account, revoked ones included, oldest first. */
  list(accountId: string): Promise<ApiKeyView[]> {
    return this.dataSource.query(
      `SELECT ${columns} FROM auth.api_key WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
  }

  /** A new key; the answer is the only place its secret ever appears. */
  async create(accountId: string, name: string | null): Promise<ApiKeyView & { key: string }> {
    // A lock on the account row makes the count and the insert one step per account.
    return this.dataSource.transaction(async (manager) => {
      const found: unknown[] = await manager.query(
        `SELECT 1 FROM auth.account WHERE id = $1 FOR UPDATE`,
        [accountId],
      );
      if (found.length === 0) throw new RangeError(`no account ${accountId}`);
      const [{ active }]: { active: number }[] = await manager.query(
        `SELECT count(*)::int AS active FROM auth.api_key WHERE account_id = $1 AND revoked_at IS NULL`,
        [accountId],
      );
      if (active >= maxApiKeysPerAccount)
        throw new ConflictException(
          `This account already has ${maxApiKeysPerAccount} active API keys: revoke one first`,
        );
      const issued = await this.accounts.issueApiKey(accountId, name, manager);
      const [view]: ApiKeyView[] = await manager.query(
        `SELECT ${columns} FROM auth.api_key WHERE id = $1`,
        [issued.id],
      );
      return { ...view, key: issued.key };
    });
  }

  /**
   * Revokes the account's key; undefined when the account has no such key. Revoking a
   * revoked key changes nothing (its first revocation time stays). Other processes stop
   * accepting it within their key cache's TTL (apiKeyCacheTtlMs), this one at once.
   */
  async revoke(accountId: string, id: string): Promise<ApiKeyView | undefined> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [ApiKeyView[], number] = await this.dataSource.query(
      `UPDATE auth.api_key SET revoked_at = COALESCE(revoked_at, now())
        WHERE account_id = $1 AND id = $2 RETURNING ${columns}`,
      [accountId, id],
    );
    this.accounts.forgetKey(id);
    return rows[0];
  }
}
