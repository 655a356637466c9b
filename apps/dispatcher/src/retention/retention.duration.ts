import { z } from 'zod';

/** Milliseconds per unit of a retention setting (`30d`, `12h`, `90m`, `45s`). */
const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A retention as written in the environment: a whole number and one unit, e.g. `30d`.
 * Returns undefined for anything else (the config names the variable in its error).
 */
export function parseRetention(text: string): number | undefined {
  const match = /^(\d{1,6})([smhd])$/.exec(text.trim());
  if (match === null) return undefined;
  return Number(match[1]) * unitMs[match[2] as keyof typeof unitMs];
}

/** The retention back as text, for logs: the largest unit that divides it. */
export function formatRetention(ms: number): string {
  for (const unit of ['d', 'h', 'm'] as const) {
    if (ms % unitMs[unit] === 0) return `${ms / unitMs[unit]}${unit}`;
  }
  return `${Math.round(ms / 1_000)}s`;
}

const minRetentionMs = unitMs.m;
const maxRetentionMs = 3_650 * unitMs.d;

/** An environment variable holding a retention; its value is in milliseconds. */
export function envRetention() {
  return z.string().transform((text, context) => {
    const ms = parseRetention(text);
    if (ms === undefined || ms < minRetentionMs || ms > maxRetentionMs) {
      context.addIssue({
        code: 'custom',
        message: 'must be a whole number and a unit s, m, h or d (e.g. 30d), from 1m to 3650d',
      });
      return z.NEVER;
    }
    return ms;
  });
}
