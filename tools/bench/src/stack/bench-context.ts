import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService, authEntities } from '@leadhooks/auth';
import { createTestCertificates, type TestCertificates } from '@leadhooks/testing';
import { DataSource } from 'typeorm';
import { BenchReceiver } from '../load/bench-receiver';

/** What every scenario shares: servers, the receiver and its CA, a way to make accounts. */
export interface BenchContext {
  root: string;
  databaseUrl: string;
  kafkaBrokers: string;
  tls: TestCertificates;
  /** The test CA as a file, for NODE_EXTRA_CA_CERTS of the children. */
  caFile: string;
  receiver: BenchReceiver;
  cpuProfDir: string | undefined;
  progress(line: string): void;
  /** A new account and API key; call after a dispatcher has run its migrations. */
  createAccount(name: string): Promise<{ accountId: string; apiKey: string }>;
  close(): Promise<void>;
}

export async function openBenchContext(options: {
  root: string;
  databaseUrl: string;
  kafkaBrokers: string;
  cpuProfDir?: string;
  progress(line: string): void;
}): Promise<BenchContext> {
  const tls = createTestCertificates();
  const caDir = mkdtempSync(join(tmpdir(), 'leadhooks-bench-ca-'));
  const caFile = join(caDir, 'ca.pem');
  writeFileSync(caFile, tls.ca);
  const receiver = await BenchReceiver.start(tls);
  // The auth schema belongs to the services' migrations: this only reads and writes rows.
  const accounts = new DataSource({
    type: 'postgres',
    url: options.databaseUrl,
    entities: authEntities,
    poolSize: 2,
  });
  return {
    ...options,
    cpuProfDir: options.cpuProfDir,
    tls,
    caFile,
    receiver,
    createAccount: async (name) => {
      if (!accounts.isInitialized) await accounts.initialize();
      const { account, apiKey } = await new AccountsService(accounts).createAccountWithKey(name);
      return { accountId: account.id, apiKey: apiKey.key };
    },
    close: async () => {
      await receiver.close();
      if (accounts.isInitialized) await accounts.destroy();
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}
