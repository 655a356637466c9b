import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AccountsService } from '@leadhooks/auth';
import { runMigrations } from '@leadhooks/persistence';
import { DataSource } from 'typeorm';
import { LeadsEnv, leadsConfigFromProcessEnv } from '../config/leads.config';
import { leadsDataSourceOptions } from '../database/database';

const usage = 'usage: npm run account:create -- --name <account name>';

/**
 * Creates an account and its first API key for local use, and prints the key once
 * (only its hash is stored). Runs the migrations first, so it works on a fresh database.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help || !values.name) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  const config = leadsConfigFromProcessEnv(LeadsEnv.pick({ DATABASE_URL: true }));
  const dataSource = new DataSource(
    leadsDataSourceOptions({ DATABASE_URL: config.DATABASE_URL, DATABASE_POOL_SIZE: 2 }),
  );
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
    const { account, apiKey } = await new AccountsService(dataSource).createAccountWithKey(
      values.name,
    );
    process.stdout.write(
      [
        `account_id=${account.id}`,
        `account_name=${account.name}`,
        `api_key=${apiKey.key}`,
        '',
      ].join('\n'),
    );
    process.stderr.write(
      'Keep the API key now: it is stored only as a hash and cannot be shown again.\n',
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `account:create failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
