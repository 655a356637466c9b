/**
 * How long the consumer waits before handing a record whose handler threw back to the
 * same handler. It never gives up on the record (skipping it would lose it), so the
 * delay is bounded instead: exponential from `initialMs`, capped at `maxMs`.
 */
export interface HandlerRetryPolicy {
  initialMs: number;
  maxMs: number;
  multiplier: number;
}

// The cap stays well under kafkajs's 30 s session timeout: the runner heartbeats between
// attempts, and a sleep longer than the session would get the member evicted mid-retry.
export const defaultHandlerRetryPolicy: HandlerRetryPolicy = {
  initialMs: 200,
  maxMs: 10_000,
  multiplier: 2,
};

/**
 * Delay before the next attempt after `failures` failed attempts (1-based), in ms.
 * "Equal jitter": half the exponential step is fixed, half random, so consumers failing
 * together spread out but none retries at once. `random` is injectable for tests.
 */
export function handlerRetryDelayMs(
  failures: number,
  policy: HandlerRetryPolicy = defaultHandlerRetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 52));
  const step = Math.min(policy.maxMs, policy.initialMs * policy.multiplier ** exponent);
  return Math.round(step / 2 + random() * (step / 2));
}

export function resolveHandlerRetryPolicy(
  overrides: Partial<HandlerRetryPolicy> = {},
): HandlerRetryPolicy {
  const policy = { ...defaultHandlerRetryPolicy, ...overrides };
  if (!(policy.initialMs > 0 && policy.maxMs >= policy.initialMs && policy.multiplier >= 1)) {
    throw new RangeError(
      `handler retry policy needs 0 < initialMs <= maxMs and multiplier >= 1, got ${JSON.stringify(policy)}`,
    );
  }
  return policy;
}
