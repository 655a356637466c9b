import type { ProcessFigures, ThroughputRound } from '../report/bench-report';
import { medianRound } from './throughput.scenario';

const figures = (deliveriesPerSec: number): ProcessFigures => ({
  deliveriesPerSec,
  cpuSecondsPer1000: 0.4,
  peakRssMiB: 400,
  ledger: { published: 1, delivered: 1, deadLettered: 0, missing: 0, duplicates: 0, void: false },
});
const round = (ratio: number): ThroughputRound => ({
  dispatcher: figures(ratio * 1000),
  limit: figures(1000),
  ratio,
});

describe(medianRound.name, () => {
  it.each([
    ['one round is its own median', [0.4], 0.4],
    ['the middle one of three, whatever the order', [0.46, 0.31, 0.43], 0.43],
    ['the lower middle one of four', [0.5, 0.2, 0.4, 0.3], 0.3],
  ])('%s', (_case, ratios, expected) => {
    expect(medianRound(ratios.map(round)).ratio).toBe(expected);
  });

  it('refuses no rounds', () => {
    expect(() => medianRound([])).toThrow(RangeError);
  });
});
