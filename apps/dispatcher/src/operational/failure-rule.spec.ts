import { judgeFailures, type FailureThresholds } from './failure-rule';

const thresholds: FailureThresholds = { failingForMs: 5 * 24 * 3600_000, deadLettersInARow: 100 };
const now = new Date('2026-12-10T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600_000);

describe('judgeFailures', () => {
  it('keeps a healthy webhook', () => {
    expect(
      judgeFailures({ failingSince: null, consecutiveDeadLetters: 0 }, thresholds, now),
    ).toEqual({ disable: false });
  });

  it('keeps a webhook failing for less than the window', () => {
    const history = { failingSince: daysAgo(4.9), consecutiveDeadLetters: 99 };
    expect(judgeFailures(history, thresholds, now)).toEqual({ disable: false });
  });

  it('disables a webhook failing for the whole window, naming since when', () => {
    const verdict = judgeFailures(
      { failingSince: daysAgo(5), consecutiveDeadLetters: 0 },
      thresholds,
      now,
    );
    expect(verdict).toEqual({
      disable: true,
      reason: `every attempt failed since ${daysAgo(5).toISOString()}`,
    });
  });

  it('disables after the configured number of dead letters in a row, however recent', () => {
    const verdict = judgeFailures(
      { failingSince: daysAgo(0.01), consecutiveDeadLetters: 100 },
      thresholds,
      now,
    );
    expect(verdict).toEqual({
      disable: true,
      reason: '100 deliveries in a row were dead-lettered',
    });
  });

  it('counts dead letters without a failing time (a clock or reset race)', () => {
    const verdict = judgeFailures(
      { failingSince: null, consecutiveDeadLetters: 3 },
      {
        ...thresholds,
        deadLettersInARow: 3,
      },
      now,
    );
    expect(verdict.disable).toBe(true);
  });

  it('never disables for a failing time in the future (clock skew between instances)', () => {
    const history = { failingSince: daysAgo(-1), consecutiveDeadLetters: 0 };
    expect(judgeFailures(history, thresholds, now)).toEqual({ disable: false });
  });
});
