import { chunkByBytes } from './chunk-by-bytes';

describe(chunkByBytes.name, () => {
  const sizes = (chunks: number[][]) => chunks.map((chunk) => chunk.join('+'));

  it.each([
    ['nothing', [], 10, []],
    ['everything under the limit', [3, 3, 3], 10, ['3+3+3']],
    ['exactly the limit', [5, 5], 10, ['5+5']],
    ['one past the limit', [5, 5, 1], 10, ['5+5', '1']],
    ['an item over the limit goes alone', [2, 12, 2], 10, ['2', '12', '2']],
    ['order is kept across chunks', [4, 4, 4, 4, 4], 10, ['4+4', '4+4', '4']],
  ] as const)('splits %s', (_case, items, limit, expected) => {
    expect(sizes(chunkByBytes(items, (n) => n, limit))).toEqual(expected);
  });
});
