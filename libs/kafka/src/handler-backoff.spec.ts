import { handlerRetryDelayMs, resolveHandlerRetryPolicy } from './handler-backoff';

describe(handlerRetryDelayMs.name, () => {
  const policy = { initialMs: 100, maxMs: 1_000, multiplier: 2 };

  it.each([
    // failures, random, expected ms
    [1, 0, 50],
    [1, 1, 100],
    [2, 0.5, 150],
    [3, 1, 400],
    [4, 0, 400],
    [5, 1, 1_000], // 1600 capped to 1000
    [60, 1, 1_000],
    [1_000_000, 0, 500],
  ])('after %i failure(s) with random %d waits %i ms', (failures, random, expected) => {
    expect(handlerRetryDelayMs(failures, policy, () => random)).toBe(expected);
  });

  it('never exceeds the cap, whatever the attempt', () => {
    for (let failures = 1; failures < 200; failures++) {
      expect(handlerRetryDelayMs(failures, policy)).toBeLessThanOrEqual(policy.maxMs);
    }
  });

  it('refuses a policy that cannot bound the wait', () => {
    expect(() => resolveHandlerRetryPolicy({ initialMs: 0 })).toThrow(RangeError);
    expect(() => resolveHandlerRetryPolicy({ initialMs: 500, maxMs: 100 })).toThrow(RangeError);
    expect(resolveHandlerRetryPolicy({ maxMs: 2_000 })).toEqual({
      initialMs: 200,
      maxMs: 2_000,
      multiplier: 2,
    });
  });
});
