import { z } from 'zod';
import { defaultRetryPolicy, retryPolicyProblems, type RetryPolicy } from './retry.policy';

/** The environment variables that tune the retry schedule; all optional. */
export const retryPolicyEnvNames = {
  delays: 'WEBHOOK_RETRY_DELAYS',
  jitterRatio: 'WEBHOOK_RETRY_JITTER_RATIO',
  retryAfterMax: 'WEBHOOK_RETRY_AFTER_MAX',
} as const;

const unitsMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;
const durationPattern = /^(\d{1,9})(ms|s|m|h)$/;
// A delay longer than a day is surely a typo, and would outlive sane topic retention.
const maxDurationMs = 24 * 3_600_000;

/** Milliseconds from `500ms`, `10s`, `5m` or `1h`; undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  const match = durationPattern.exec(text.trim());
  if (!match) return undefined;
  const ms = Number(match[1]) * unitsMs[match[2] as keyof typeof unitsMs];
  return ms <= maxDurationMs ? ms : undefined;
}

const durationHint = 'a duration like 500ms, 10s, 5m or 1h (at most 24h)';

/** One duration, e.g. `WEBHOOK_RETRY_AFTER_MAX=5m`. */
export const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not ${durationHint}` });
    return z.NEVER;
  }
  return ms;
});

/** A comma-separated schedule, e.g. `WEBHOOK_RETRY_DELAYS=10s,1m,5m`, as positive ms. */
export const retryDelaysSchema = z.string().transform((text, ctx) => {
  const delays = text.split(',').map((part) => ({ part: part.trim(), ms: parseDuration(part) }));
  const bad = delays.find(({ ms }) => ms === undefined || ms === 0);
  if (bad) {
    ctx.addIssue({
      code: 'custom',
      message: `"${bad.part}" in "${text}" is not ${durationHint}, above zero`,
    });
    return z.NEVER;
  }
  return delays.map(({ ms }) => ms ?? 0);
});

export const retryPolicyEnvSchema = z.object({
  [retryPolicyEnvNames.delays]: retryDelaysSchema.optional(),
  [retryPolicyEnvNames.jitterRatio]: z
    .string()
    .regex(/^(0(\.\d+)?|\.\d+)$/, { error: 'must be a ratio in [0, 1), like 0.2' })
    .transform(Number)
    .optional(),
  [retryPolicyEnvNames.retryAfterMax]: durationSchema.optional(),
});

/** A start-up error whose message names the offending variable(s). */
export class RetryPolicyConfigError extends Error {
  override readonly name = 'RetryPolicyConfigError';
}

/**
 * The retry policy from environment variables, defaults for those unset. Takes the env
 * as an argument: each app reads process.env in one place and hands it over.
 */
export function retryPolicyFromEnv(env: Readonly<Record<string, string | undefined>>): RetryPolicy {
  const parsed = retryPolicyEnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new RetryPolicyConfigError(`invalid retry configuration: ${lines.join('; ')}`);
  }
  const values = parsed.data;
  const policy: RetryPolicy = {
    delaysMs: values[retryPolicyEnvNames.delays] ?? defaultRetryPolicy.delaysMs,
    jitterRatio: values[retryPolicyEnvNames.jitterRatio] ?? defaultRetryPolicy.jitterRatio,
    retryAfterMaxMs:
      values[retryPolicyEnvNames.retryAfterMax] ?? defaultRetryPolicy.retryAfterMaxMs,
  };
  const problems = retryPolicyProblems(policy);
  if (problems.length > 0) {
    const lines = problems.map(({ field, problem }) => `${envNameOf[field]}: ${problem}`);
    throw new RetryPolicyConfigError(`invalid retry configuration: ${lines.join('; ')}`);
  }
  return Object.freeze(policy);
}

const envNameOf: Record<keyof RetryPolicy, string> = {
  delaysMs: retryPolicyEnvNames.delays,
  jitterRatio: retryPolicyEnvNames.jitterRatio,
  retryAfterMaxMs: retryPolicyEnvNames.retryAfterMax,
};
