import type { z } from 'zod';
import { ConfigError } from './config-error';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses the environment once, at start-up, into a typed config object. Variables set to
 * the empty string count as unset (so `PORT= npm start` means the default, as in most
 * shells' idiom). Throws a ConfigError naming every bad variable.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: Env): z.output<S> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? '(environment)');
    const missing = issue.path.length > 0 && input[variable] === undefined;
    return { variable, problem: missing ? 'is required' : issue.message };
  });
  throw new ConfigError(dedupe(problems));
}

/**
 * For an app's entry point: parse, or print the ConfigError's one line on stderr and exit
 * with status 1 (no stack trace: the message says all there is to fix).
 */
export function parseConfigOrExit<S extends z.ZodObject>(schema: S, env: Env): z.output<S> {
  try {
    return parseConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  }
}

/** One problem per variable: the first is the one to fix. */
function dedupe<T extends { variable: string }>(problems: T[]): T[] {
  return problems.filter(
    (p, index) => problems.findIndex((q) => q.variable === p.variable) === index,
  );
}
