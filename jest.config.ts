import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// `npm test` runs every project's specs in one jest process, so there is one summary
// and (through the shared global setup) one private Kafka + Postgres for the whole run.
// testTimeout is a global option: the projects' own values do not apply here, and the
// integration specs need more than jest's 5 s for hooks that boot apps and brokers.
export default async (): Promise<Config> => ({
  testTimeout: 120_000,
  // On 2 cores jest runs the specs in its own process; a handle some spec leaves open
  // (being hunted with --detectOpenHandles) must not keep CI waiting after the global
  // teardown has already stopped Kafka and Postgres.
  forceExit: true,
  projects: await getJestProjectsAsync(),
});
