export default {
  displayName: 'webhook-signing',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/webhook-signing',
};
