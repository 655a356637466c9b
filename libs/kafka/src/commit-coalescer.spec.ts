import { CommitCoalescer } from './commit-coalescer';

/** One step: an operation and what it must return ('-' for undefined). */
type Step =
  | ['request', string, string | '-']
  | ['settled', boolean, string | '-']
  | ['flush', string | '-'];

function run(steps: readonly Step[]): CommitCoalescer {
  const coalescer = new CommitCoalescer();
  steps.forEach((step, index) => {
    const result =
      step[0] === 'request'
        ? coalescer.request(step[1])
        : step[0] === 'settled'
          ? coalescer.settled(step[1])
          : coalescer.flush();
    const expected = step[step.length - 1];
    expect({ index, result: result ?? '-' }).toEqual({ index, result: expected });
  });
  return coalescer;
}

describe(CommitCoalescer.name, () => {
  it.each<[string, Step[], boolean]>([
    ['sends the first request at once', [['request', '1', '1']], false],
    [
      'is idle once the only commit is confirmed',
      [
        ['request', '1', '1'],
        ['settled', true, '-'],
      ],
      true,
    ],
    [
      'folds everything asked for while one is in flight into one commit',
      [
        ['request', '1', '1'],
        ['request', '2', '-'],
        ['request', '3', '-'],
        ['request', '4', '-'],
        ['settled', true, '4'],
        ['settled', true, '-'],
      ],
      true,
    ],
    [
      'sends the highest position asked for, whatever the order of the asks',
      [
        ['request', '5', '5'],
        ['request', '9', '-'],
        ['request', '7', '-'],
        ['settled', true, '9'],
      ],
      false,
    ],
    [
      'never sends a position at or below a confirmed one',
      [
        ['request', '5', '5'],
        ['settled', true, '-'],
        ['request', '5', '-'],
        ['request', '3', '-'],
      ],
      true,
    ],
    [
      'does not resend at once after a failure',
      [
        ['request', '5', '5'],
        ['settled', false, '-'],
      ],
      false,
    ],
    [
      'resends after a failure with the next ask, carrying everything since',
      [
        ['request', '5', '5'],
        ['request', '6', '-'],
        ['settled', false, '-'],
        ['request', '7', '7'],
      ],
      false,
    ],
    [
      'flush sends what a failure left behind',
      [
        ['request', '5', '5'],
        ['settled', false, '-'],
        ['flush', '5'],
        ['settled', true, '-'],
      ],
      true,
    ],
    [
      'flush waits for the commit in flight',
      [
        ['request', '5', '5'],
        ['flush', '-'],
      ],
      false,
    ],
    [
      'flush has nothing to do when all is confirmed',
      [
        ['request', '5', '5'],
        ['settled', true, '-'],
        ['flush', '-'],
      ],
      true,
    ],
    ['flush on a fresh partition sends nothing', [['flush', '-']], true],
    [
      'handles int64 offsets beyond Number precision',
      [
        ['request', '9007199254740993', '9007199254740993'],
        ['request', '9007199254740994', '-'],
        ['settled', true, '9007199254740994'],
      ],
      false,
    ],
  ])('%s', (_name, steps, idle) => {
    expect(run(steps).idle).toBe(idle);
  });
});
