export default {
  displayName: 'metrics',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/metrics',
};
