import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

// `npm test` runs every project's specs in one jest process, so there is one summary
// and (through the shared global setup) one private Kafka + Postgres for the whole run.
// testTimeout is a global option: the projects' own values do not apply here, and the
// integration specs need more than jest's 5 s for hooks that boot apps and brokers.
export default async (): Promise<Config> => ({
  testTimeout: 120_000,
  // One worker process, the order the suites were written for (they share one Kafka and
  // one Postgres), restarted whenever a test file leaves it above 1.5 GB: run in band, the
  // heap grew with every file until Node's 4 GB limit stopped the run two thirds through.
  maxWorkers: 1,
  workerIdleMemoryLimit: '1.5GB',
  // No forceExit: a handle left open must show as a run that does not end, not be cut
  // off. --detectOpenHandles misses timers made in app code; `node inspect -p <jest pid>`
  // then `process.getActiveResourcesInfo()` names what still runs.
  projects: await getJestProjectsAsync(),
});
