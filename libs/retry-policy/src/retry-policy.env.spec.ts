import { defaultRetryPolicy, type RetryPolicy } from './retry.policy';
import { parseDuration, retryPolicyFromEnv, RetryPolicyConfigError } from './retry-policy.env';

describe(parseDuration.name, () => {
  it.each<[string, number | undefined]>([
    ['500ms', 500],
    ['10s', 10_000],
    [' 5m ', 300_000],
    ['1h', 3_600_000],
    ['24h', 86_400_000],
    ['0s', 0],
    ['25h', undefined],
    ['10', undefined],
    ['1.5s', undefined],
    ['-1s', undefined],
    ['10 s', undefined],
    ['10S', undefined],
    ['', undefined],
  ])('%p is %p ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected);
  });
});

describe(retryPolicyFromEnv.name, () => {
  it.each<[string, Record<string, string | undefined>, RetryPolicy]>([
    ['nothing set: the defaults', {}, defaultRetryPolicy],
    [
      'unrelated variables ignored',
      { PATH: '/bin', WEBHOOK_RETRY_DELAYS: undefined },
      defaultRetryPolicy,
    ],
    [
      'a fast schedule for tests',
      {
        WEBHOOK_RETRY_DELAYS: '200ms, 400ms,800ms',
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        WEBHOOK_RETRY_AFTER_MAX: '1s',
      },
      { delaysMs: [200, 400, 800], jitterRatio: 0, retryAfterMaxMs: 1_000 },
    ],
    [
      'fewer retries',
      { WEBHOOK_RETRY_DELAYS: '1m' },
      { ...defaultRetryPolicy, delaysMs: [60_000] },
    ],
  ])('%s', (_case, env, expected) => {
    expect(retryPolicyFromEnv(env)).toEqual(expected);
  });

  it.each<[Record<string, string>, string]>([
    [
      { WEBHOOK_RETRY_DELAYS: '10s,abc,5m' },
      'WEBHOOK_RETRY_DELAYS: "abc" in "10s,abc,5m" is not a duration',
    ],
    [{ WEBHOOK_RETRY_DELAYS: '' }, 'WEBHOOK_RETRY_DELAYS: "" in "" is not a duration'],
    [{ WEBHOOK_RETRY_DELAYS: '0s,1s' }, 'WEBHOOK_RETRY_DELAYS: "0s" in "0s,1s" is not a duration'],
    [{ WEBHOOK_RETRY_DELAYS: '1s,2s,3s,4s' }, 'WEBHOOK_RETRY_DELAYS: needs 1 to 3 delays'],
    [{ WEBHOOK_RETRY_DELAYS: '5m,10s' }, 'WEBHOOK_RETRY_DELAYS: delays may not shrink'],
    [{ WEBHOOK_RETRY_JITTER_RATIO: '1' }, 'WEBHOOK_RETRY_JITTER_RATIO: must be a ratio in [0, 1)'],
    [
      { WEBHOOK_RETRY_JITTER_RATIO: 'lots' },
      'WEBHOOK_RETRY_JITTER_RATIO: must be a ratio in [0, 1)',
    ],
    [{ WEBHOOK_RETRY_AFTER_MAX: '10' }, 'WEBHOOK_RETRY_AFTER_MAX: "10" is not a duration'],
  ])('names the variable in the error for %j', (env, message) => {
    expect(() => retryPolicyFromEnv(env)).toThrow(RetryPolicyConfigError);
    expect(() => retryPolicyFromEnv(env)).toThrow(message);
  });
});
