import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// `npm test` runs every project's specs in one jest process, so there is one summary
// and (through the shared global setup) one private Kafka + Postgres for the whole run.
export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
});
