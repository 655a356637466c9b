import { postgresDataSourceOptions, runMigrations } from '@leadhooks/persistence';
import { createTestDatabase, type TestDatabase } from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { requestFingerprint } from './idempotency-key';
import { IdempotencyStore } from './idempotency.store';
import { idempotencyMigrations } from './index';

describe(`${IdempotencyStore.name} (Postgres)`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: IdempotencyStore;
  const first = requestFingerprint('POST', '/v1/leads', { email: 'a@example.test' });
  const other = requestFingerprint('POST', '/v1/leads', { email: 'b@example.test' });
  const answer = { statusCode: 201, body: { id: 'x', n: [1, 2] }, location: '/v1/leads/x' };

  beforeAll(async () => {
    database = await createTestDatabase('idempotency');
    dataSource = new DataSource(
      postgresDataSourceOptions({
        url: database.url,
        applicationName: 'idempotency-spec',
        entities: [],
        migrations: idempotencyMigrations,
      }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
    store = new IdempotencyStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Moves a key's row back in time, as if it had been made `ms` ago. */
  const age = (accountId: string, key: string, ms: number) =>
    dataSource.query(
      `UPDATE idempotency.request SET created_at = created_at - $3 * interval '1 millisecond',
              expires_at = expires_at - $3 * interval '1 millisecond'
        WHERE account_id = $1 AND key = $2`,
      [accountId, key, ms],
    );

  it('claims a new key, then answers the same request with the kept answer', async () => {
    const account = randomUUID();
    expect(await store.claim(account, 'k1', first)).toEqual({ kind: 'claimed' });
    expect(await store.claim(account, 'k1', first)).toEqual({ kind: 'in_progress' });
    await store.complete(account, 'k1', answer);
    expect(await store.claim(account, 'k1', first)).toEqual({ kind: 'replay', answer });
  });

  it('tells another request with the key apart, in progress or done', async () => {
    const account = randomUUID();
    await store.claim(account, 'k2', first);
    expect(await store.claim(account, 'k2', other)).toEqual({ kind: 'mismatch' });
    await store.complete(account, 'k2', answer);
    expect(await store.claim(account, 'k2', other)).toEqual({ kind: 'mismatch' });
  });

  it('scopes keys per account', async () => {
    const [one, two] = [randomUUID(), randomUUID()];
    await store.claim(one, 'shared', first);
    expect(await store.claim(two, 'shared', other)).toEqual({ kind: 'claimed' });
  });

  it('frees the key of a failed request, so it can be tried again', async () => {
    const account = randomUUID();
    await store.claim(account, 'k3', first);
    await store.release(account, 'k3');
    expect(await store.claim(account, 'k3', other)).toEqual({ kind: 'claimed' });
  });

  it('takes over an abandoned run of the same request, never of another', async () => {
    const account = randomUUID();
    await store.claim(account, 'k4', first);
    await age(account, 'k4', 6 * 60_000);
    expect(await store.claim(account, 'k4', other)).toEqual({ kind: 'mismatch' });
    expect(await store.claim(account, 'k4', first)).toEqual({ kind: 'claimed' });
  });

  it('forgets an answer after 24 h, and purges it', async () => {
    const account = randomUUID();
    await store.claim(account, 'k5', first);
    await store.complete(account, 'k5', answer);
    await store.claim(account, 'k6', first);
    await store.complete(account, 'k6', answer);
    await age(account, 'k5', 24 * 3_600_000 + 1_000);
    await age(account, 'k6', 24 * 3_600_000 + 1_000);
    expect(await store.claim(account, 'k5', other)).toEqual({ kind: 'claimed' });
    expect(await store.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left: unknown[] = await dataSource.query(
      `SELECT key FROM idempotency.request WHERE account_id = $1 ORDER BY key`,
      [account],
    );
    expect(left).toEqual([{ key: 'k5' }]);
  });
});
