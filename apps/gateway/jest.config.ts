export default {
  displayName: 'gateway',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/gateway',
  // Unit specs beside the code; black-box specs in test/ run the gateway against stub
  // upstream HTTP servers on loopback (no Kafka or Postgres needed).
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30_000,
};
