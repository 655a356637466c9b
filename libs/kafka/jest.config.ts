export default {
  displayName: 'kafka',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/kafka',
  // The integration spec needs a real broker: the shared setup starts one (or reuses
  // KAFKA_BROKERS) and sets KAFKA_BROKERS for the workers.
  globalSetup: '../testing/src/global-setup.ts',
  globalTeardown: '../testing/src/global-teardown.ts',
};
