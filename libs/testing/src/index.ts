export { createTestDatabase, type TestDatabase } from './database';
export { requireTestEnv, testKafkaBrokers } from './env';
export { freePort } from './free-port';
export { uniqueName } from './names';
export { startTestInfra, stopTestInfra, workspaceRoot, type TestInfra } from './infra';
export { waitFor } from './wait-for';
export { installLoopbackGuard, LoopbackGuardError, type LoopbackGuard } from './loopback-guard';
export { probeGuard } from './guard-self-check';
export {
  closedLoopbackPort,
  startHttpReceiver,
  startHttpsReceiver,
  startSilentTcpServer,
  type Receiver,
  type ReceiverHandler,
  type RecordedRequest,
} from './receivers';
export { createTestCertificates, type TestCertificates } from './test-ca';
export {
  apiClient,
  expectStatus,
  type ApiClient,
  type HttpResult,
  type RequestOptions,
} from './api-client';
export { fullLead } from './lead-fixture';
export { hostileBodies, type HostileBody } from './hostile-bodies';
export { PrivatePostgres } from './private-postgres';
export {
  outageProblems,
  probeThroughOutage,
  probeWhile,
  unknownKeyClient,
  type ProbeResult,
} from './outage-probe';
export { startAppProcess, type AppProcess, type AppProcessOptions } from './app-process';
export {
  listenOnLoopback,
  testLogLevel,
  type LoopbackListener,
  type TestLogLevel,
} from './nest-test-app';
