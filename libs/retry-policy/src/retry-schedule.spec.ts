import { formatDuration, retryScheduleSchema } from './retry-schedule';

describe('retryScheduleSchema', () => {
  it('takes the Standard Webhooks schedule', () => {
    expect(retryScheduleSchema.parse(['5s', '5m', '30m', '2h', '5h', '10h', '10h'])).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
  });

  it.each<[string, unknown, string]>([
    ['empty', [], 'at least one delay'],
    ['8 retries', ['1s', '1s', '1s', '1s', '1s', '1s', '1s', '1s'], 'at most 7 delays'],
    ['not a duration', ['5s', 'soon'], '"soon" is not a delay'],
    ['under a second', ['500ms'], '"500ms" is not a delay'],
    ['over a day', ['25h'], '"25h" is not a delay'],
    ['a number', [5], 'must be a string'],
    ['more than 3 days', ['24h', '24h', '24h', '1s'], 'more than 3 days'],
    ['not a list', '5s,5m', 'expected array'],
  ])('refuses %s', (_case, input, message) => {
    const result = retryScheduleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });
});

describe(formatDuration.name, () => {
  it.each([
    [5_000, '5s'],
    [300_000, '5m'],
    [36_000_000, '10h'],
    [90_000, '90s'],
    [1_500, '1500ms'],
  ])('%p ms is %p', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
