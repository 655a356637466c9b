import { z } from 'zod';
import { parseDuration } from './retry-policy.env';

/** A webhook's own schedule: at most 7 retries (8 attempts), spread over at most 3 days. */
export const scheduleLimits = Object.freeze({
  maxRetries: 7,
  minDelayMs: 1_000,
  maxTotalMs: 3 * 24 * 3_600_000,
});

/**
 * A webhook's `retry_schedule` as the API takes it, e.g. the Standard Webhooks one:
 * `["5s", "5m", "30m", "2h", "5h", "10h", "10h"]`, the delay before each retry; as ms.
 */
export const retryScheduleSchema = z
  .array(z.string({ message: 'each delay must be a string like "5s", "30m" or "2h"' }))
  .min(1, 'must list at least one delay (or be null for the default schedule)')
  .max(scheduleLimits.maxRetries, `at most ${scheduleLimits.maxRetries} delays: 8 attempts in all`)
  .transform((delays, ctx) => {
    const ms = delays.map((text) => parseDuration(text));
    const bad = ms.findIndex((value) => value === undefined || value < scheduleLimits.minDelayMs);
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [bad],
        message: `"${delays[bad]}" is not a delay from 1s to 24h like "5s", "30m" or "2h"`,
      });
      return z.NEVER;
    }
    const valid = ms as number[];
    if (valid.reduce((sum, value) => sum + value, 0) > scheduleLimits.maxTotalMs) {
      ctx.addIssue({ code: 'custom', message: 'the delays add up to more than 3 days' });
      return z.NEVER;
    }
    return valid;
  });

const units = [
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
] as const;

/** `7200000` as `2h`, `90000` as `90s`: the largest unit that divides it exactly. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of units) if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
