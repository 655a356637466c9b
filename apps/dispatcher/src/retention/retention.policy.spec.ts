import { formatRetention, parseRetention } from './retention.duration';
import { finishedStatuses, moreToPurge, retentionCutoffs } from './retention.policy';

describe(parseRetention.name, () => {
  it.each([
    ['45s', 45_000],
    ['90m', 5_400_000],
    ['12h', 43_200_000],
    ['30d', 2_592_000_000],
    [' 7d ', 604_800_000],
  ])('reads %p as %p ms', (text, ms) => {
    expect(parseRetention(text)).toBe(ms);
  });

  it.each(['', '30', 'd', '1.5d', '-1d', '1w', '30 d', '30days', '1234567d', '1e3s'])(
    'refuses %p',
    (text) => {
      expect(parseRetention(text)).toBeUndefined();
    },
  );
});

describe(formatRetention.name, () => {
  it.each([
    [2_592_000_000, '30d'],
    [43_200_000, '12h'],
    [5_400_000, '90m'],
    [45_000, '45s'],
  ])('writes %p ms as %p', (ms, text) => {
    expect(formatRetention(ms)).toBe(text);
  });
});

describe(retentionCutoffs.name, () => {
  it('counts back from now: metadata by the retention, bodies by the body retention', () => {
    const now = new Date('2026-12-05T00:00:00.000Z');
    expect(
      retentionCutoffs(now, { retentionMs: 30 * 86_400_000, bodyRetentionMs: 86_400_000 }),
    ).toEqual({
      deleteBefore: new Date('2026-11-05T00:00:00.000Z'),
      dropBodyBefore: new Date('2026-12-04T00:00:00.000Z'),
    });
  });
});

describe('finishedStatuses', () => {
  it('never includes a delivery still being worked on', () => {
    expect(finishedStatuses).not.toContain('pending');
    expect(finishedStatuses).not.toContain('retrying');
    expect([...finishedStatuses].sort()).toEqual(['cancelled', 'dead', 'delivered']);
  });
});

describe(moreToPurge.name, () => {
  it('goes on after a full batch and stops after a short one', () => {
    expect(moreToPurge(1_000, 1_000)).toBe(true);
    expect(moreToPurge(999, 1_000)).toBe(false);
    expect(moreToPurge(0, 1_000)).toBe(false);
  });
});
