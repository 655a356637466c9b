import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Verdict } from './config-probe';
import { type ConfigParserRef, probeConfig } from './config-probe.client';
import { linkedPaths, quotedPaths } from './doc-paths';
import { type QuotedDefault, quotedDefaults } from './readme-defaults';

const root = resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

const app = (name: string, configFile: string, parser: string): ConfigParserRef => ({
  name,
  tsconfig: `apps/${name}/tsconfig.app.json`,
  module: `apps/${name}/src/config/${configFile}`,
  parser,
});
const apps = [
  app('dispatcher', 'dispatcher.config.ts', 'dispatcherConfig'),
  app('gateway', 'gateway.config.ts', 'gatewayConfig'),
  app('leads-service', 'leads.config.ts', 'leadsConfig'),
  app('lookup-service', 'lookup.config.ts', 'lookupConfig'),
];
const dispatcher = apps[0];
const npmStart: ConfigParserRef = {
  name: 'npm start',
  tsconfig: 'tools/start/tsconfig.app.json',
  module: 'tools/start/src/start.config.ts',
  parser: 'startConfig',
  takesRoot: true,
};

/** Each README with a configuration table, and the parsers whose defaults it quotes. */
const readmes = [
  ...apps.map((parser) => ({ file: `apps/${parser.name}/README.md`, parsers: [parser] })),
  // The root README's table picks settings of several apps: each row is some app's.
  { file: 'README.md', parsers: [...apps, npmStart] },
];

type Row = QuotedDefault & { value: string; parsers: ConfigParserRef[] };
const rows: Row[] = readmes.flatMap(({ file, parsers }) =>
  quotedDefaults(file, read(file)).flatMap((quoted) =>
    quoted.value === null ? [] : [{ ...quoted, value: quoted.value, parsers }],
  ),
);
const key = (variable: string, value: string) => `${variable}=${value}`;

/** Checks whose answers are known, so that a probe that judged nothing would fail. */
const controls = [
  { variable: 'DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT', value: '4', verdict: 'differs' },
  { variable: 'WEBHOOK_TIMEOUT_MS', value: 'soon', verdict: 'refused' },
  { variable: 'LEADHOOKS_NOT_A_SETTING', value: '1', verdict: 'unread' },
  { variable: 'KAFKA_CLIENT_ID', value: 'required', verdict: 'not-required' },
] as const;

/** One README row is true when its app agrees; a root README row when one app reads it and none disagrees. */
function isTrue(row: Row, verdicts: Verdict[]): boolean {
  const expected: Verdict = row.value === 'required' ? 'required' : 'equal';
  if (verdicts.length === 1) return verdicts[0] === expected;
  const silent: Verdict[] = ['unread', 'not-required'];
  return verdicts.includes(expected) && verdicts.every((v) => v === expected || silent.includes(v));
}

describe('README configuration tables', () => {
  const verdicts = new Map<string, Map<string, Verdict>>();

  beforeAll(async () => {
    for (const parser of [...apps, npmStart]) {
      const checks = new Map<string, { variable: string; value: string }>();
      for (const row of rows.filter((candidate) => candidate.parsers.includes(parser))) {
        checks.set(key(row.variable, row.value), { variable: row.variable, value: row.value });
      }
      if (parser === dispatcher) for (const c of controls) checks.set(key(c.variable, c.value), c);
      const answers = await probeConfig(root, parser, [...checks.values()]);
      verdicts.set(parser.name, new Map(answers.map((a) => [key(a.variable, a.value), a.verdict])));
    }
  }, 300_000);

  it('quote defaults in every README that has a configuration table', () => {
    for (const { file } of readmes) {
      expect(rows.filter((row) => row.file === file).length).toBeGreaterThanOrEqual(5);
    }
  });

  it("quote each app's own default, and only settings an app reads", () => {
    const untrue = rows.flatMap((row) => {
      const seen = row.parsers.map((p) => verdicts.get(p.name)?.get(key(row.variable, row.value)));
      if (isTrue(row, seen as Verdict[])) return [];
      const said = row.parsers.map((p, i) => `${p.name}: ${seen[i]}`).join(', ');
      return [`${row.file}:${row.line} ${row.variable} = ${row.value} (${said})`];
    });
    expect(untrue).toEqual([]);
  });

  it('would notice a wrong default, a refused value, a setting no app reads', () => {
    for (const control of controls) {
      expect(verdicts.get(dispatcher.name)?.get(key(control.variable, control.value))).toBe(
        control.verdict,
      );
    }
  });
});

const readmesOf = (dir: string) =>
  readdirSync(join(root, dir))
    .map((name) => `${dir}/${name}/README.md`)
    .filter((file) => existsSync(join(root, file)));
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
  ...['apps', 'libs', 'tools', 'examples'].flatMap(readmesOf),
];
const decisions = readdirSync(join(root, 'docs/decisions')).map((name) => `docs/decisions/${name}`);

describe('paths the documents name', () => {
  it.each(documents)('%s: every path in backticks and every link exists', (file) => {
    const text = read(file);
    const missing = [
      ...quotedPaths(text).filter((path) => !existsSync(join(root, path))),
      ...linkedPaths(text).filter((target) => !existsSync(join(root, dirname(file), target))),
    ];
    expect(missing).toEqual([]);
  });

  it.each(decisions)('%s: every link exists', (file) => {
    const missing = linkedPaths(read(file)).filter(
      (target) => !existsSync(join(root, dirname(file), target)),
    );
    expect(missing).toEqual([]);
  });

  it('the newcomer guide names the files of one save_lead, from gateway to receiver', () => {
    const paths = quotedPaths(read('docs/ARCHITECTURE.md')).filter((p) => /^(apps|libs)\//.test(p));
    expect(paths.length).toBeGreaterThanOrEqual(10);
    expect(paths[0]).toMatch(/^apps\/gateway\//);
    expect(paths).toContain('libs/outbound-http/src/outbound.client.ts');
  });
});
