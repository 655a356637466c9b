/** A webhook's failure history as dispatcher.webhook keeps it (decision 065). */
export interface FailureHistory {
  /** The end of the first failed attempt since the last success; null: not failing. */
  failingSince: Date | null;
  /** Dead letters in a row since the last success. */
  consecutiveDeadLetters: number;
}

export interface FailureThresholds {
  /** Every attempt failed for this long: WEBHOOK_DISABLE_AFTER_FAILING_FOR. */
  failingForMs: number;
  /** This many dead letters in a row: WEBHOOK_DISABLE_AFTER_DEAD_LETTERS. */
  deadLettersInARow: number;
}

export type FailureVerdict = { disable: false } | { disable: true; reason: string };

/**
 * Whether a webhook has failed long enough to be disabled. Pure: history and thresholds in,
 * verdict out. Either threshold is enough; a success resets both (the caller's job).
 */
export function judgeFailures(
  history: FailureHistory,
  thresholds: FailureThresholds,
  now: Date,
): FailureVerdict {
  if (history.consecutiveDeadLetters >= thresholds.deadLettersInARow) {
    return {
      disable: true,
      reason: `${history.consecutiveDeadLetters} deliveries in a row were dead-lettered`,
    };
  }
  if (history.failingSince === null) return { disable: false };
  const failingMs = now.getTime() - history.failingSince.getTime();
  if (failingMs >= thresholds.failingForMs) {
    return {
      disable: true,
      reason: `every attempt failed since ${history.failingSince.toISOString()}`,
    };
  }
  return { disable: false };
}
