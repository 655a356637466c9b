import { publishableInOrder, type ClaimedRow } from './publishable';

const row = (id: number, aggregateId: string): ClaimedRow => ({ id: String(id), aggregateId });

describe(publishableInOrder.name, () => {
  const claimed = [row(5, 'a'), row(6, 'b'), row(8, 'a'), row(9, 'c'), row(12, 'a')];
  const ids = (rows: ClaimedRow[]) => rows.map((r) => Number(r.id));

  it.each([
    ['no one else holds a pending row', [], [5, 6, 8, 9, 12], []],
    ["another instance holds lead a's oldest row", [['a', '3']], [6, 9], [5, 8, 12]],
    [
      "lead a's row 10 is held elsewhere: 5 and 8 may go, 12 may not",
      [['a', '10']],
      [5, 6, 8, 9],
      [12],
    ],
    ['a newer row of b is pending elsewhere', [['b', '40']], [5, 6, 8, 9, 12], []],
    [
      'several leads blocked',
      [
        ['a', '1'],
        ['c', '2'],
      ],
      [6],
      [5, 8, 9, 12],
    ],
  ] as const)('when %s', (_case, foreign, publishable, heldBack) => {
    const result = publishableInOrder(claimed, new Map(foreign.map(([lead, id]) => [lead, id])));
    expect(ids(result.publishable)).toEqual(publishable);
    expect(ids(result.heldBack)).toEqual(heldBack);
  });

  it('compares ids as integers, not strings', () => {
    const result = publishableInOrder([row(9, 'a'), row(10, 'a')], new Map([['a', '11']]));
    expect(ids(result.publishable)).toEqual([9, 10]);
  });
});
