import { chooseTestInfra, startContainerInfra, type ContainerInfra } from './containers';
import { startTestInfra, stopTestInfra, type TestInfra } from './infra';

// Jest runs each project's global setup in its main process before any worker starts,
// so the variables set here reach every test file. A second project's setup finds them
// set and reuses the same servers; only the run that started them stops them.
const ownedKey = '__leadhooksTestInfra';

type OwnedInfra =
  | { kind: 'local'; infra: TestInfra }
  | { kind: 'containers'; infra: ContainerInfra };

/**
 * Kafka and Postgres for the run: tools/infra's processes, or containers through
 * testcontainers (LEADHOOKS_TEST_INFRA=testcontainers, or =auto when a Docker engine is
 * reachable and no DATABASE_URL / KAFKA_BROKERS is given; libs/testing/README.md).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.LEADHOOKS_TEST_INFRA_READY === '1') return;
  const kind = await chooseTestInfra();
  let owned: OwnedInfra;
  if (kind === 'testcontainers') {
    owned = { kind: 'containers', infra: await startContainerInfra() };
    process.stderr.write(
      `\ntest infra: testcontainers (Kafka ${owned.infra.kafkaBrokers}, Postgres in a container)\n`,
    );
  } else {
    owned = { kind: 'local', infra: await startTestInfra() };
  }
  process.env.DATABASE_URL = owned.infra.databaseUrl;
  process.env.KAFKA_BROKERS = owned.infra.kafkaBrokers;
  process.env.LEADHOOKS_TEST_INFRA_READY = '1';
  // Where a CLI finds the run's servers the way it finds `npm start`'s (infra.sh env).
  if (owned.kind === 'local' && owned.infra.stateDir)
    process.env.LEADHOOKS_TEST_INFRA_STATE_DIR = owned.infra.stateDir;
  (globalThis as Record<string, unknown>)[ownedKey] = owned;
}

export async function teardownOwnedInfra(): Promise<void> {
  const owned = (globalThis as Record<string, unknown>)[ownedKey] as OwnedInfra | undefined;
  if (!owned) return;
  delete (globalThis as Record<string, unknown>)[ownedKey];
  if (owned.kind === 'containers') await owned.infra.stop();
  else stopTestInfra(owned.infra);
}
