import { medianBy, roundLabel } from './median';

describe(medianBy.name, () => {
  it.each([
    ['one round is its own median', [0.4], 0.4],
    ['the middle one of three, whatever the order', [0.46, 0.31, 0.43], 0.43],
    ['the lower middle one of four', [0.5, 0.2, 0.4, 0.3], 0.3],
  ])('%s', (_case, ratios, expected) => {
    const rounds = ratios.map((ratio, index) => ({ ratio, index }));
    expect(medianBy(rounds, (round) => round.ratio).ratio).toBe(expected);
  });

  it('keeps the whole item, not only its value', () => {
    const rounds = [
      { ratio: 2, run: 'a' },
      { ratio: 1, run: 'b' },
      { ratio: 3, run: 'c' },
    ];
    expect(medianBy(rounds, (round) => round.ratio)).toBe(rounds[0]);
  });

  it('refuses no rounds', () => {
    expect(() => medianBy([], () => 0)).toThrow(RangeError);
  });
});

describe(roundLabel.name, () => {
  it('numbers rounds only when there are several', () => {
    expect(roundLabel('retry', 0, 1)).toBe('retry');
    expect(roundLabel('retry', 1, 3)).toBe('retry 2/3');
  });
});
