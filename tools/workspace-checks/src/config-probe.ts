import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

/**
 * Run in a child process by `probeConfigDefaults` (never imported): loads an app's config
 * module by path (the workspace may not import apps; lint forbids it) and judges, for each
 * variable and the default a README quotes for it, what the app's own parser makes of it.
 * Prints one JSON line of `ProbeAnswer`s.
 */
export interface ProbeRequest {
  /** Config module, from the workspace root, and the name of its `(env) => config` export. */
  module: string;
  parser: string;
  /** The parser takes `(root, env)` (npm start's), not `(env)`. */
  takesRoot?: boolean;
  /** The environment every check starts from: values for the required variables. */
  base: Record<string, string>;
  checks: { variable: string; value: string }[];
}

export type Verdict =
  /** Setting the variable to the quoted value changes nothing: the quoted default is the code's. */
  | 'equal'
  | 'differs'
  /** The parser refuses the quoted value. */
  | 'refused'
  /** Left out, the parser fails naming it (README says "required"). */
  | 'required'
  | 'not-required'
  /** The parser ignores the variable: the README quotes a setting this app does not read. */
  | 'unread';

export interface ProbeAnswer {
  variable: string;
  value: string;
  verdict: Verdict;
}

type Parser = (env: Record<string, string | undefined>) => unknown;
type Parsed = { ok: true; config: unknown } | { ok: false; message: string };

/** Values of which a setting that is read refuses or takes at least one (a flag takes `true`). */
const otherValues = ['\u0001 not a value', 'true', '0', '7'];

function tryParse(parse: Parser, env: Record<string, string | undefined>): Parsed {
  try {
    return { ok: true, config: parse(env) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** What the parser makes of `variable` set to `value`, against the base environment. */
export function judge(
  parse: Parser,
  base: ProbeRequest['base'],
  variable: string,
  value: string,
): Verdict {
  if (value === 'required') {
    const without = tryParse(parse, { ...base, [variable]: undefined });
    return !without.ok && without.message.includes(variable) ? 'required' : 'not-required';
  }
  const defaults = tryParse(parse, base);
  if (!defaults.ok) throw new Error(`the base environment is refused: ${defaults.message}`);
  const ignored = (other: string) => {
    const parsed = tryParse(parse, { ...base, [variable]: other });
    return parsed.ok && isDeepStrictEqual(parsed.config, defaults.config);
  };
  if (otherValues.every(ignored)) return 'unread';
  const quoted = tryParse(parse, { ...base, [variable]: value });
  if (!quoted.ok) return 'refused';
  return isDeepStrictEqual(quoted.config, defaults.config) ? 'equal' : 'differs';
}

function main(): void {
  const request = JSON.parse(process.argv[2] ?? '') as ProbeRequest;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
  const loaded = require(resolve(request.module)) as Record<string, unknown>;
  const exported = loaded[request.parser];
  if (typeof exported !== 'function') throw new Error(`${request.module} has no ${request.parser}`);
  const parse: Parser = request.takesRoot
    ? (env) => (exported as (root: string, env: unknown) => unknown)(process.cwd(), env)
    : (exported as Parser);
  const answers: ProbeAnswer[] = request.checks.map(({ variable, value }) => ({
    variable,
    value,
    verdict: judge(parse, request.base, variable, value),
  }));
  process.stdout.write(`${JSON.stringify(answers)}\n`);
}

if (require.main === module) main();
