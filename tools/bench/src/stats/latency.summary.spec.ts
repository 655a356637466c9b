import { lagGrows, summarizeLatencies } from './latency.summary';

describe(summarizeLatencies.name, () => {
  it('takes nearest-rank percentiles of 1..100', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarizeLatencies(samples)).toEqual({
      count: 100,
      p50: 50,
      p95: 95,
      p99: 99,
      max: 100,
    });
  });

  it('gives the one sample for every percentile of a single sample', () => {
    expect(summarizeLatencies([7.25])).toEqual({
      count: 1,
      p50: 7.3,
      p95: 7.3,
      p99: 7.3,
      max: 7.3,
    });
  });

  it('says count 0 for no samples rather than NaN', () => {
    expect(summarizeLatencies([])).toEqual({ count: 0, p50: 0, p95: 0, p99: 0, max: 0 });
  });
});

describe(lagGrows.name, () => {
  it('is false for a flat series with noise', () => {
    expect(
      lagGrows(
        Array.from({ length: 200 }, (_, i) => 10 + (i % 7)),
        5_000,
      ),
    ).toBe(false);
  });

  it('is true when latency climbs through the run', () => {
    expect(
      lagGrows(
        Array.from({ length: 200 }, (_, i) => 10 + i * 5),
        5_000,
      ),
    ).toBe(true);
  });

  it('is true for a flat latency longer than the step itself: the backlog formed at once', () => {
    expect(
      lagGrows(
        Array.from({ length: 200 }, (_, i) => 12_000 + (i % 50) * 10),
        8_000,
      ),
    ).toBe(true);
  });

  it('does not judge from too few samples', () => {
    expect(lagGrows([1, 1, 1, 500, 900, 1000], 5_000)).toBe(false);
  });
});
