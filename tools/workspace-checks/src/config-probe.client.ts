import { runTypeScript } from './app-config-check';
import type { ProbeAnswer, ProbeRequest } from './config-probe';

/** A config parser of the workspace: the module, its `(env) => config` export, its tsconfig. */
export interface ConfigParserRef {
  name: string;
  tsconfig: string;
  module: string;
  parser: string;
  takesRoot?: boolean;
}

/** Values for the variables every service requires, so that the rest fall to their defaults. */
const requiredSettings = {
  DATABASE_URL: 'postgres://leadhooks@127.0.0.1:5432/leadhooks',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

/**
 * Asks a parser, in a child process (`config-probe.ts`), what it makes of each variable set
 * to the value given: nothing in this process loads an app's code.
 */
export async function probeConfig(
  root: string,
  ref: ConfigParserRef,
  checks: ProbeRequest['checks'],
): Promise<ProbeAnswer[]> {
  const request: ProbeRequest = {
    module: ref.module,
    parser: ref.parser,
    takesRoot: ref.takesRoot,
    base: requiredSettings,
    checks,
  };
  const result = await runTypeScript(
    root,
    ref.tsconfig,
    ['tools/workspace-checks/src/config-probe.ts', JSON.stringify(request)],
    { PATH: process.env.PATH ?? '' },
    120_000,
  );
  if (result.code !== 0) throw new Error(`${ref.name}: the probe failed: ${result.stderr}`);
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as ProbeAnswer[];
}
