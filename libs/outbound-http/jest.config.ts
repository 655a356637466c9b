export default {
  displayName: 'outbound-http',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/outbound-http',
};
