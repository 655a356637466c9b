/**
 * A configuration value that cannot be used. The message is one line naming every bad
 * variable (never echoing values: a URL may hold a password), so a failed start-up says
 * exactly what to fix.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly { variable: string; problem: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
  }
}
