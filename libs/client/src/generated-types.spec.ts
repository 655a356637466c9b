import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');

/**
 * The types are what openapi-typescript makes of the committed snapshot: the snapshot is
 * checked against the running services by apps/gateway's API contract spec, the types
 * against the snapshot here, so neither can be stale (`npm run client:generate` renews both).
 * `--default-non-nullable false`: a field with a default is optional in a request body.
 * Its CLI, in a process of its own: it loads ES modules that jest's CommonJS runtime cannot.
 */
describe('libs/client/src/openapi.ts', () => {
  it('is exactly what openapi-typescript generates from libs/client/openapi.json', () => {
    const cli = require.resolve('openapi-typescript/bin/cli.js');
    const generated = execFileSync(
      process.execPath,
      [cli, join(root, 'openapi.json'), '--default-non-nullable', 'false'],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    expect(readFileSync(join(root, 'src/openapi.ts'), 'utf8')).toBe(generated);
  });
});
