import { startTestInfra, stopTestInfra, type TestInfra } from './infra';

// Jest runs each project's global setup in its main process before any worker starts,
// so the variables set here reach every test file. A second project's setup finds them
// set and reuses the same servers; only the run that started them stops them.
const ownedKey = '__leadhooksTestInfra';

export default async function globalSetup(): Promise<void> {
  if (process.env.LEADHOOKS_TEST_INFRA_READY === '1') return;
  const infra = await startTestInfra();
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.LEADHOOKS_TEST_INFRA_READY = '1';
  (globalThis as Record<string, unknown>)[ownedKey] = infra;
}

export function teardownOwnedInfra(): void {
  const infra = (globalThis as Record<string, unknown>)[ownedKey] as TestInfra | undefined;
  if (!infra) return;
  delete (globalThis as Record<string, unknown>)[ownedKey];
  stopTestInfra(infra);
}
