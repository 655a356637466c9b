export default {
  displayName: 'dispatcher',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/dispatcher',
  // Unit specs beside the code; black-box e2e specs (real HTTP, Postgres, Kafka) in test/.
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  globalSetup: '../../libs/testing/src/global-setup.ts',
  globalTeardown: '../../libs/testing/src/global-teardown.ts',
  // Booting Nest, migrations and Kafka consumer groups takes seconds; the retry ladder more.
  testTimeout: 120_000,
};
