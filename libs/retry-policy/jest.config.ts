export default {
  displayName: 'retry-policy',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/retry-policy',
};
