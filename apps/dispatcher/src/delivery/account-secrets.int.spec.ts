import { runMigrations } from '@leadhooks/persistence';
import { createTestDatabase, type TestDatabase } from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dispatcherDataSourceOptions } from '../database/database';
import { AccountSecrets } from './account-secrets';

describe(`${AccountSecrets.name} (Postgres)`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('account_secrets');
    dataSource = new DataSource(
      dispatcherDataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 4 }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rowsOf = async (accountId: string) =>
    (await dataSource.query(`SELECT secret FROM dispatcher.account_secret WHERE account_id = $1`, [
      accountId,
    ])) as { secret: string }[];

  it('makes one secret per account on first use, whoever asks first, in any process', async () => {
    const accountId = randomUUID();
    // Two instances stand for two dispatcher processes racing on the first delivery.
    const [one, other] = [new AccountSecrets(dataSource), new AccountSecrets(dataSource)];
    const secrets = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : other).secretOf(accountId)),
    );

    const rows = await rowsOf(accountId);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.secret).toMatch(/^whsec_/);
    expect(new Set(secrets)).toEqual(new Set([rows[0]?.secret]));
  });

  it('reads an account once per cache period, not once per delivery', async () => {
    const accountId = randomUUID();
    const secrets = new AccountSecrets(dataSource);
    const first = await secrets.secretOf(accountId);
    const query = jest.spyOn(dataSource, 'query');

    await expect(secrets.secretOf(accountId)).resolves.toBe(first);
    await expect(secrets.secretOf(accountId)).resolves.toBe(first);
    expect(query).not.toHaveBeenCalled();
  });

  it('does not keep a failed read: the next use reads again', async () => {
    const accountId = randomUUID();
    const secrets = new AccountSecrets(dataSource);
    jest.spyOn(dataSource, 'query').mockRejectedValueOnce(new Error('connection reset'));

    await expect(secrets.secretOf(accountId)).rejects.toThrow('connection reset');
    const secret = await secrets.secretOf(accountId);
    expect(await rowsOf(accountId)).toEqual([{ secret }]);
  });
});
