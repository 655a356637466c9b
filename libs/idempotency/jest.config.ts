export default {
  displayName: 'idempotency',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/idempotency',
  // Its *.int.spec.ts run against the real Postgres the harness provisions.
  globalSetup: '../../libs/testing/src/global-setup.ts',
  globalTeardown: '../../libs/testing/src/global-teardown.ts',
};
