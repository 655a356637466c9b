import { retryTopics } from '@leadhooks/contracts';
import { parseRetryAfter } from './retry-after.parse';

/**
 * The retry schedule as data. `delaysMs[i]` is the delay of retry topic i
 * (`webhooks.deliveries.retry.<i + 1>`), so its length is the number of retries.
 */
export interface RetryPolicy {
  readonly delaysMs: readonly number[];
  /** Each delay is spread by ±jitterRatio so endpoints that failed together retry apart. */
  readonly jitterRatio: number;
  /** A receiver's Retry-After is honoured up to this; it never shortens the schedule. */
  readonly retryAfterMaxMs: number;
}

/**
 * 10 s, 1 min, 5 min: roughly ×6 per step, 4 attempts over about 6 minutes. Long enough to
 * ride out a deploy or a restart of the receiver, short enough that a real outage shows as
 * a dead letter (inspectable and replayable) within minutes instead of hours later.
 * Retry-After is capped at the longest step: it bounds how far a receiver pushes its own
 * retries (retry tiers keep it from delaying anyone else's, docs/decisions/061).
 */
export const defaultRetryPolicy: RetryPolicy = Object.freeze({
  delaysMs: Object.freeze([10_000, 60_000, 300_000]),
  jitterRatio: 0.2,
  retryAfterMaxMs: 300_000,
});

export const maxRetries = retryTopics.length;

/** What a failed attempt tells the schedule: only a `Retry-After` header, if any. */
export interface RetryHints {
  retryAfter?: string;
}

export interface RetryContext {
  policy?: RetryPolicy;
  /** In [0, 1); injectable so tests are exact. */
  random?: () => number;
  /** Epoch ms, for Retry-After given as an HTTP date. */
  nowMs?: number;
}

export type RetryStep =
  | { kind: 'retry'; topicIndex: number; delayMs: number }
  | { kind: 'dead-letter'; reason: 'attempts-exhausted' };

/**
 * Where a delivery goes after a failed attempt. `attemptsMade` counts attempts including
 * the one that just failed, so it is 1-based while topics are 0-based: after attempt 1
 * comes retry topic 0. Pure: randomness and time come in through `context`.
 */
export function nextDelay(
  attemptsMade: number,
  hints: RetryHints = {},
  context: RetryContext = {},
): RetryStep {
  const policy = context.policy ?? defaultRetryPolicy;
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1) {
    throw new RangeError(
      `attemptsMade counts the failed attempt too, so it is at least 1; got ${attemptsMade}`,
    );
  }
  const topicIndex = attemptsMade - 1;
  if (topicIndex >= policy.delaysMs.length)
    return { kind: 'dead-letter', reason: 'attempts-exhausted' };

  const spread = policy.jitterRatio * (2 * (context.random ?? Math.random)() - 1);
  const scheduled = Math.round(policy.delaysMs[topicIndex] * (1 + spread));
  const asked = parseRetryAfter(hints.retryAfter, context.nowMs ?? Date.now());
  const delayMs =
    asked === undefined ? scheduled : Math.max(scheduled, Math.min(asked, policy.retryAfterMaxMs));
  return { kind: 'retry', topicIndex, delayMs };
}

export interface RetryPolicyProblem {
  field: keyof RetryPolicy;
  problem: string;
}

/** A policy's broken invariants, each tied to its field (so config errors can name it). */
export function retryPolicyProblems(policy: RetryPolicy): RetryPolicyProblem[] {
  const problems: RetryPolicyProblem[] = [];
  const { delaysMs, jitterRatio, retryAfterMaxMs } = policy;
  const delays = (problem: string) => problems.push({ field: 'delaysMs', problem });
  if (delaysMs.length < 1 || delaysMs.length > maxRetries) {
    delays(`needs 1 to ${maxRetries} delays (one per retry topic), got ${delaysMs.length}`);
  }
  if (delaysMs.some((delay) => !Number.isSafeInteger(delay) || delay <= 0)) {
    delays('every delay must be a positive whole number of ms');
  }
  if (delaysMs.some((delay, i) => i > 0 && delay < delaysMs[i - 1])) {
    delays('delays may not shrink: a later retry never waits less than an earlier one');
  }
  if (!(jitterRatio >= 0 && jitterRatio < 1)) {
    problems.push({ field: 'jitterRatio', problem: 'must be in [0, 1)' });
  }
  if (!Number.isSafeInteger(retryAfterMaxMs) || retryAfterMaxMs < 0) {
    problems.push({ field: 'retryAfterMaxMs', problem: 'must be a whole number of ms, 0 or more' });
  }
  return problems;
}

/** Returns the policy, or throws a RangeError listing every broken invariant. */
export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const problems = retryPolicyProblems(policy);
  if (problems.length > 0) {
    const text = problems.map(({ field, problem }) => `${field} ${problem}`).join('; ');
    throw new RangeError(`invalid retry policy: ${text}`);
  }
  return policy;
}
