import {
  defaultRetryPolicy,
  maxRetries,
  nextDelay,
  validateRetryPolicy,
  type RetryPolicy,
  type RetryStep,
} from './retry.policy';

const nowMs = Date.parse('2026-11-27T10:00:00Z');
const noJitter = () => 0.5; // 2r - 1 = 0: exactly the scheduled delay
const lowest = () => 0;
const highest = () => 0.999_999;
const policy: RetryPolicy = {
  delaysMs: [10_000, 60_000, 300_000],
  jitterRatio: 0.2,
  retryAfterMaxMs: 300_000,
};

describe(nextDelay.name, () => {
  it.each<[string, number, string | undefined, () => number, RetryStep]>([
    [
      'after attempt 1: retry topic 0',
      1,
      undefined,
      noJitter,
      { kind: 'retry', topicIndex: 0, delayMs: 10_000 },
    ],
    [
      'after attempt 2: retry topic 1',
      2,
      undefined,
      noJitter,
      { kind: 'retry', topicIndex: 1, delayMs: 60_000 },
    ],
    [
      'after attempt 3: retry topic 2',
      3,
      undefined,
      noJitter,
      { kind: 'retry', topicIndex: 2, delayMs: 300_000 },
    ],
    [
      'after attempt 4: dead letter',
      4,
      undefined,
      noJitter,
      { kind: 'dead-letter', reason: 'attempts-exhausted' },
    ],
    [
      'long after: still dead letter',
      9,
      '1',
      noJitter,
      { kind: 'dead-letter', reason: 'attempts-exhausted' },
    ],
    [
      'jitter at its lowest: -20%',
      1,
      undefined,
      lowest,
      { kind: 'retry', topicIndex: 0, delayMs: 8_000 },
    ],
    [
      'jitter at its highest: +20%',
      1,
      undefined,
      highest,
      { kind: 'retry', topicIndex: 0, delayMs: 12_000 },
    ],
    [
      'Retry-After longer than the step wins',
      1,
      '45',
      noJitter,
      { kind: 'retry', topicIndex: 0, delayMs: 45_000 },
    ],
    [
      'Retry-After shorter than the step is ignored',
      2,
      '5',
      noJitter,
      { kind: 'retry', topicIndex: 1, delayMs: 60_000 },
    ],
    [
      'Retry-After is capped',
      1,
      '86400',
      noJitter,
      { kind: 'retry', topicIndex: 0, delayMs: 300_000 },
    ],
    [
      'Retry-After as an HTTP date',
      1,
      'Fri, 27 Nov 2026 10:02:00 GMT',
      noJitter,
      { kind: 'retry', topicIndex: 0, delayMs: 120_000 },
    ],
    [
      'garbage Retry-After falls back',
      1,
      'later',
      noJitter,
      { kind: 'retry', topicIndex: 0, delayMs: 10_000 },
    ],
    [
      'Retry-After never lowers a jittered delay',
      1,
      '9',
      highest,
      { kind: 'retry', topicIndex: 0, delayMs: 12_000 },
    ],
  ])('%s', (_case, attemptsMade, retryAfter, random, expected) => {
    expect(nextDelay(attemptsMade, { retryAfter }, { policy, random, nowMs })).toEqual(expected);
  });

  it('uses the documented defaults', () => {
    expect(defaultRetryPolicy).toEqual(policy);
    expect(nextDelay(1, {}, { random: noJitter })).toEqual({
      kind: 'retry',
      topicIndex: 0,
      delayMs: 10_000,
    });
  });

  it('keeps every jittered delay within ±jitterRatio', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const step = nextDelay(2, {}, { policy });
      expect(step.kind === 'retry' && step.delayMs).toBeGreaterThanOrEqual(48_000);
      expect(step.kind === 'retry' && step.delayMs).toBeLessThanOrEqual(72_000);
    }
  });

  it('follows a shorter schedule', () => {
    const short = { ...policy, delaysMs: [100] };
    expect(nextDelay(1, {}, { policy: short, random: noJitter })).toEqual({
      kind: 'retry',
      topicIndex: 0,
      delayMs: 100,
    });
    expect(nextDelay(2, {}, { policy: short, random: noJitter }).kind).toBe('dead-letter');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attemptsMade %p', (attemptsMade) => {
    expect(() => nextDelay(attemptsMade)).toThrow(RangeError);
  });
});

describe(validateRetryPolicy.name, () => {
  it('has one retry topic per default delay', () => {
    expect(defaultRetryPolicy.delaysMs).toHaveLength(maxRetries);
    expect(validateRetryPolicy(defaultRetryPolicy)).toBe(defaultRetryPolicy);
  });

  it.each<[string, Partial<RetryPolicy>, string]>([
    ['no delays', { delaysMs: [] }, 'delaysMs needs 1 to 3 delays'],
    ['more delays than retry topics', { delaysMs: [1, 2, 3, 4] }, 'delaysMs needs 1 to 3 delays'],
    ['a zero delay', { delaysMs: [0, 10] }, 'delaysMs every delay must be a positive whole number'],
    ['a shrinking schedule', { delaysMs: [60_000, 10_000] }, 'delaysMs delays may not shrink'],
    ['jitter of 1', { jitterRatio: 1 }, 'jitterRatio must be in [0, 1)'],
    ['negative jitter', { jitterRatio: -0.1 }, 'jitterRatio must be in [0, 1)'],
    ['a fractional cap', { retryAfterMaxMs: 1.5 }, 'retryAfterMaxMs must be a whole number'],
  ])('refuses %s', (_case, override, message) => {
    expect(() => validateRetryPolicy({ ...policy, ...override })).toThrow(message);
  });
});
