import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AccountsService } from '@leadhooks/auth';
import { failCli, withCliDatabase } from './cli-data-source';

const usage = 'usage: npm run account:create -- --name <account name>';

/**
 * Creates an account and its first API key for local use, and prints the key once
 * (only its hash is stored). Runs the migrations first, so it works on a fresh database;
 * finds the running local stack's database when DATABASE_URL is not set.
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
  const name = values.name;
  const { account, apiKey } = await withCliDatabase((dataSource) =>
    new AccountsService(dataSource).createAccountWithKey(name),
  );
  process.stdout.write(
    [`account_id=${account.id}`, `account_name=${account.name}`, `api_key=${apiKey.key}`, ''].join(
      '\n',
    ),
  );
  process.stderr.write(
    'Keep the API key now: it is stored only as a hash and cannot be shown again.\n',
  );
}

main().catch(failCli('account:create'));
