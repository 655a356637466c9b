import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AccountsService, ApiKeys, apiKeyCacheTtlMs, type ApiKeyView } from '@leadhooks/auth';
import { failCli, withCliDatabase } from './cli-data-source';

const usage = `usage: npm run keys -- <command> --account <account id> [options]
  create --account <id> [--name <name>]   a new key, printed once
  list   --account <id>                    every key: id, prefix, name, created, last used, revoked
  revoke --account <id> --id <key id>      refused by every service within ${apiKeyCacheTtlMs / 1000} s`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An account's API keys for operators: the API's /v1/api-keys without a key to call it. */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      account: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [command] = positionals;
  const account = values.account ?? '';
  const known = ['create', 'list', 'revoke'].includes(command ?? '');
  if (values.help || positionals.length !== 1 || !known || !uuidPattern.test(account)) {
    process.stderr.write(`${usage}\n`);
    process.exit(values.help ? 0 : 2);
  }
  await withCliDatabase(async (dataSource) => {
    const keys = new ApiKeys(dataSource, new AccountsService(dataSource));
    switch (command) {
      case 'create':
        return printCreated(await keys.create(account, values.name?.trim() || null));
      case 'list':
        return printList(await keys.list(account));
      default: // revoke, the only command left
        return printRevoked(
          uuidPattern.test(values.id ?? '')
            ? await keys.revoke(account, values.id ?? '')
            : undefined,
        );
    }
  });
}

function printCreated(created: ApiKeyView & { key: string }): void {
  process.stdout.write(`key_id=${created.id}\napi_key=${created.key}\n`);
  process.stderr.write(
    'Keep the API key now: it is stored only as a hash and cannot be shown again.\n',
  );
}

function printList(keys: ApiKeyView[]): void {
  const line = (k: ApiKeyView) =>
    [
      k.id,
      `lh_${k.prefix}_…`,
      k.name ?? '-',
      k.created_at,
      k.last_used_at ?? 'never',
      k.revoked_at ?? 'active',
    ].join('\t');
  process.stdout.write(
    ['id\tprefix\tname\tcreated\tlast_used\trevoked', ...keys.map(line), ''].join('\n'),
  );
}

function printRevoked(revoked: ApiKeyView | undefined): void {
  if (revoked === undefined) {
    process.stderr.write('no such key in this account (--id is the key id `list` shows)\n');
    process.exit(1);
  }
  process.stdout.write(`revoked ${revoked.id} (lh_${revoked.prefix}_…) at ${revoked.revoked_at}\n`);
  process.stderr.write(
    `Every service refuses it within ${apiKeyCacheTtlMs / 1000} s (its key cache).\n`,
  );
}

main().catch(failCli('keys'));
