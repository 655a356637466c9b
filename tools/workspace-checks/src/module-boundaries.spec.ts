import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

/**
 * Lints `code` with the workspace's own ESLint CLI as if it were the file `path`, and
 * returns the dependency-rule errors. A child process, because ESLint loads its flat
 * config through a dynamic import that jest's module system does not support.
 */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const run = spawnSync(
    resolve(root, 'node_modules/.bin/eslint'),
    ['--format', 'json', '--stdin', '--stdin-filename', path],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  if (!run.stdout) throw new Error(`eslint did not run: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages
    .filter(
      (m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports',
    )
    .map((m) => m.message);
}

describe('module boundaries', () => {
  jest.setTimeout(60_000);

  it.each([
    [
      'an app importing another app',
      'apps/gateway/src/bad.ts',
      "import { bootstrap } from '../../leads-service/src/main';",
    ],
    [
      'contracts importing another lib',
      'libs/contracts/src/bad.ts',
      "import { KafkaClient } from '@leadhooks/kafka';",
    ],
    [
      'a lib importing the test harness',
      'libs/kafka/src/bad.ts',
      "import { uniqueName } from '@leadhooks/testing';",
    ],
    [
      'a lib deep-importing another lib',
      'libs/kafka/src/bad.ts',
      "import { Topics } from '../../contracts/src/topics';",
    ],
  ])('refuses %s', async (_case, path, code) => {
    expect(await boundaryErrors(path, `${code}\nexport const x = 1;\n`)).not.toEqual([]);
  });

  it.each([
    [
      'a lib importing contracts',
      'libs/kafka/src/ok.ts',
      "import { Topics } from '@leadhooks/contracts';\nexport const t = Topics;",
    ],
    [
      'a spec importing the test harness',
      'libs/kafka/src/ok.spec.ts',
      "import { uniqueName } from '@leadhooks/testing';\nexport const n = uniqueName;",
    ],
  ])('allows %s', async (_case, path, code) => {
    expect(await boundaryErrors(path, code)).toEqual([]);
  });
});
