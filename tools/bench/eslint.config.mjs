import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The bench is a harness itself: it runs the apps against HTTPS receivers with the
    // test CA, free ports and the API client that the specs use, and ships in no app.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
];
