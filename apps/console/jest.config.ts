export default {
  displayName: 'console',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/console',
  // Unit specs beside the code (pure TypeScript, no DOM); the browser spec in test/ drives
  // Debian's Chromium against the real stack on the run's private Kafka and Postgres.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '../../libs/testing/src/global-setup.ts',
  globalTeardown: '../../libs/testing/src/global-teardown.ts',
  testTimeout: 120_000,
};
