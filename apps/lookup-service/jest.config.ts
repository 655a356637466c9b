export default {
  displayName: 'lookup-service',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/lookup-service',
  // Unit specs beside the code; black-box e2e specs (real HTTP, Postgres, Kafka, DNS) in test/.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '../../libs/testing/src/global-setup.ts',
  globalTeardown: '../../libs/testing/src/global-teardown.ts',
  // Booting Nest, Postgres migrations and a Kafka consumer group takes seconds.
  testTimeout: 120_000,
};
