export default {
  displayName: 'gateway',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/gateway',
  // Unit specs beside the code; black-box specs in test/ run the gateway against stub
  // upstream HTTP servers on loopback, and edge.e2e-spec against the real leads-service
  // (which needs the run's Kafka and Postgres).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '../../libs/testing/src/global-setup.ts',
  globalTeardown: '../../libs/testing/src/global-teardown.ts',
  testTimeout: 30_000,
};
