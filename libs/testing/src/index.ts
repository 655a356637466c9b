export { createTestDatabase, type TestDatabase } from './database';
export { requireTestEnv, testKafkaBrokers } from './env';
export { freePort } from './free-port';
export { uniqueName } from './names';
export { startTestInfra, stopTestInfra, workspaceRoot, type TestInfra } from './infra';
export { waitFor } from './wait-for';
