import { retryTiers, Topics } from '@leadhooks/contracts';
import { admitAt, stepAt, tierFor, wakeAt } from './retry-tiers';

describe(tierFor.name, () => {
  it.each([
    [0, Topics.deliveriesRetryIn1s],
    [999, Topics.deliveriesRetryIn1s],
    [1_000, Topics.deliveriesRetryIn1s],
    [4_999, Topics.deliveriesRetryIn1s],
    [5_000, Topics.deliveriesRetryIn5s],
    [300_000, Topics.deliveriesRetryIn2m],
    [3 * 86_400_000, Topics.deliveriesRetryIn1h],
  ])('a wait of %p ms goes to %s', (waitMs, topic) => {
    expect(tierFor(waitMs)).toBe(topic);
  });
});

describe(wakeAt.name, () => {
  it('is the tier delay after the write', () => {
    expect(wakeAt(Topics.deliveriesRetryIn30s, 1_000, 100_000)).toBe(31_000);
  });
  it('is the due time when that comes first', () => {
    expect(wakeAt(Topics.deliveriesRetryIn1s, 1_000, 1_300)).toBe(1_300);
  });
  it('is at once for a record of the first ladder', () => {
    expect(wakeAt(Topics.deliveriesRetry2, 1_000, 60_000)).toBe(1_000);
  });
});

describe(admitAt.name, () => {
  it.each([
    [
      'its wake time, to hop on, when much remains then',
      Topics.deliveriesRetryIn30s,
      1_000,
      100_000,
      31_000,
    ],
    [
      'its due time when less than the shortest tier remains at wake',
      Topics.deliveriesRetryIn5s,
      1_000,
      6_600,
      6_600,
    ],
    [
      'its due time when that comes before the wake',
      Topics.deliveriesRetryIn1s,
      1_000,
      1_300,
      1_300,
    ],
    ['at once for a first-ladder record without a schedule', Topics.deliveriesRetry1, 1_000, 0, 0],
  ])('is %s', (_case, topic, writtenAtMs, notBeforeMs, expected) => {
    expect(admitAt(topic, writtenAtMs, notBeforeMs)).toBe(expected);
  });

  it('keeps arrival order within a tier for records due after its delay', () => {
    const admitted = [1_000, 1_200, 1_400].map((writtenAt) =>
      admitAt(Topics.deliveriesRetryIn5s, writtenAt, writtenAt + 60_000),
    );
    expect(admitted).toEqual([...admitted].sort((a, b) => a - b));
  });
});

describe(stepAt.name, () => {
  it.each([
    ['due', 10_000, 10_000, { kind: 'attempt' }],
    ['overdue', 12_000, 10_000, { kind: 'attempt' }],
    ['due within the shortest tier', 9_400, 10_000, { kind: 'wait', ms: 600 }],
    ['due in 4 minutes', 0, 240_000, { kind: 'hop', topic: Topics.deliveriesRetryIn2m }],
  ])('%s', (_case, nowMs, notBeforeMs, step) => {
    expect(stepAt(nowMs, notBeforeMs)).toEqual(step);
  });

  it('reaches a 5 minute Retry-After by hops that never overshoot', () => {
    const due = 300_000;
    let now = 0;
    const hops: string[] = [];
    for (let step = stepAt(now, due); step.kind === 'hop'; step = stepAt(now, due)) {
      hops.push(step.topic);
      now += retryTiers.find((tier) => tier.topic === step.topic)?.delayMs ?? NaN;
      expect(now).toBeLessThanOrEqual(due);
    }
    expect(now).toBe(due);
    expect(hops).toEqual([
      Topics.deliveriesRetryIn2m,
      Topics.deliveriesRetryIn2m,
      Topics.deliveriesRetryIn30s,
      Topics.deliveriesRetryIn30s,
    ]);
  });
});
