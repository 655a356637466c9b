import { postgresDataSourceOptions, runMigrations } from '@leadhooks/persistence';
import { createTestDatabase, waitFor, type TestDatabase } from '@leadhooks/testing';
import { DataSource } from 'typeorm';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts.service';
import { ApiKeyEntity } from './api-key.entity';
import { authMigrations } from './index';

describe(AccountsService.name, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let accounts: AccountsService;

  beforeAll(async () => {
    database = await createTestDatabase('auth');
    dataSource = new DataSource(
      postgresDataSourceOptions({
        url: database.url,
        applicationName: 'auth-spec',
        entities: [AccountEntity, ApiKeyEntity],
        migrations: authMigrations,
      }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
    accounts = new AccountsService(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('authenticates the key it issued, for its account', async () => {
    const { account, apiKey } = await accounts.createAccountWithKey('  Acme  ');
    expect(account.name).toBe('Acme');
    expect(await accounts.authenticate(apiKey.key)).toEqual({
      accountId: account.id,
      apiKeyId: apiKey.id,
    });
  });

  it('stores only a hash of the key', async () => {
    const { apiKey } = await accounts.createAccountWithKey('hashed');
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT * FROM auth.api_key WHERE id = $1`,
      [apiKey.id],
    );
    const stored = JSON.stringify(rows, (_key, value: unknown) =>
      Buffer.isBuffer(value) ? value.toString('hex') : value,
    );
    expect(stored).not.toContain(apiKey.key);
    expect(stored).not.toContain(apiKey.key.slice(16));
    expect(rows[0].prefix).toBe(apiKey.prefix);
  });

  it.each([
    ['a right prefix with a wrong secret', (key: string) => `${key.slice(0, 16)}${'A'.repeat(43)}`],
    ['an unknown prefix', (key: string) => `lh_ffffffffffff_${key.slice(16)}`],
    ['a malformed key', () => 'not-a-key'],
    ['the empty string', () => ''],
  ])('refuses %s', async (_case, forge) => {
    const { apiKey } = await accounts.createAccountWithKey('victim');
    expect(await accounts.authenticate(forge(apiKey.key))).toBeUndefined();
  });

  it('refuses a revoked key and keeps the account’s other keys working', async () => {
    const { account, apiKey } = await accounts.createAccountWithKey('rotating');
    const second = await accounts.issueApiKey(account.id, 'second');
    await accounts.revokeApiKey(apiKey.id);
    expect(await accounts.authenticate(apiKey.key)).toBeUndefined();
    expect(await accounts.authenticate(second.key)).toEqual({
      accountId: account.id,
      apiKeyId: second.id,
    });
  });

  it('refuses a key revoked here at once, even right after it was used', async () => {
    const { apiKey } = await accounts.createAccountWithKey('revoked-here');
    expect(await accounts.authenticate(apiKey.key)).toBeDefined();
    await accounts.revokeApiKey(apiKey.id);
    expect(await accounts.authenticate(apiKey.key)).toBeUndefined();
  });

  it('refuses a key revoked by another process once its cached row expires', async () => {
    const instance = new AccountsService(dataSource, { keyCacheTtlMs: 300 });
    const { apiKey } = await accounts.createAccountWithKey('revoked-elsewhere');
    expect(await instance.authenticate(apiKey.key)).toBeDefined();
    await accounts.revokeApiKey(apiKey.id);
    // Within the TTL the cached row answers: the documented staleness, and no round trip.
    expect(await instance.authenticate(apiKey.key)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await instance.authenticate(apiKey.key)).toBeUndefined();
  });

  it('checks the secret on every request, cached row or not', async () => {
    const { apiKey } = await accounts.createAccountWithKey('cached-secret');
    expect(await accounts.authenticate(apiKey.key)).toBeDefined();
    expect(
      await accounts.authenticate(`${apiKey.key.slice(0, 16)}${'B'.repeat(43)}`),
    ).toBeUndefined();
  });

  it('writes last_used_at on first use, then at most once a minute per key', async () => {
    const instance = new AccountsService(dataSource, { keyCacheTtlMs: 0 });
    const { apiKey } = await accounts.createAccountWithKey('last-used');
    const query = jest.spyOn(dataSource, 'query');
    for (let i = 0; i < 5; i++) expect(await instance.authenticate(apiKey.key)).toBeDefined();
    const writes = query.mock.calls.filter(([sql]) => String(sql).includes('last_used_at = now()'));
    query.mockRestore();
    expect(writes).toHaveLength(1);
    const used = await waitFor('last_used_at', async () => {
      const [row]: { last_used_at: Date | null }[] = await dataSource.query(
        `SELECT last_used_at FROM auth.api_key WHERE id = $1`,
        [apiKey.id],
      );
      return row.last_used_at ?? undefined;
    });
    expect(Math.abs(used.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('refuses a name over 200 characters and creates nothing', async () => {
    const before = await dataSource.getRepository(AccountEntity).count();
    await expect(accounts.createAccountWithKey('x'.repeat(201))).rejects.toThrow(RangeError);
    expect(await dataSource.getRepository(AccountEntity).count()).toBe(before);
  });
});
