import { describePhases, longestGapAfter } from './phases';

describe(longestGapAfter.name, () => {
  it('finds the gap a kill opened, even one that began just before it', () => {
    expect(longestGapAfter([0, 100, 900, 5_000, 5_100], 1_000, 10_000)).toEqual({
      ms: 4_100,
      fromMs: 900,
      toMs: 5_000,
    });
  });

  it('leaves a gap reaching past the next kill to that kill', () => {
    // Kill at 1 s, next at 4 s: the gap 3.5 s → 9 s is the second kill's.
    expect(longestGapAfter([1_000, 1_200, 3_500, 9_000], 1_000, 4_000)).toEqual({
      ms: 2_300,
      fromMs: 1_200,
      toMs: 3_500,
    });
  });

  it('reports no gap when nothing happened after the kill', () => {
    expect(longestGapAfter([0, 10], 1_000, 2_000)).toEqual({ ms: 0, fromMs: 1_000, toMs: 1_000 });
  });
});

describe(describePhases.name, () => {
  it('states each phase in seconds after the kill', () => {
    const line = describePhases(2, {
      killAtMs: 10_000,
      leadersMovedAtMs: 19_500,
      outbox: { ms: 10_000, fromMs: 9_900, toMs: 19_900 },
      deliveries: { ms: 12_000, fromMs: 10_100, toMs: 22_100 },
    });
    expect(line).toBe(
      '  kill 2 phases: leaders moved +9.5 s; outbox sends 10.0 s gap, resumed +9.9 s; deliveries 12.0 s gap, resumed +12.1 s',
    );
  });
});
