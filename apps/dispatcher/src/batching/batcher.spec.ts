import { Batcher } from './batcher';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A `run` whose calls stay open until released, recording what each carried. */
function heldRun() {
  const calls: number[][] = [];
  const releases: (() => void)[] = [];
  const run = async (items: number[]) => {
    calls.push(items);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map((item) => item * 10);
  };
  return { calls, run, releaseNext: () => releases.shift()?.() };
}

describe(Batcher.name, () => {
  it('sends the items of one turn in one call and settles each with its own result', async () => {
    const held = heldRun();
    const batcher = new Batcher(held.run, { maxBatch: 100, maxInFlight: 1 });
    let settled = 0;
    const results = [1, 2, 3].map((item) =>
      batcher.submit(item).then((result) => ((settled += 1), result)),
    );
    await nextTurn();
    expect(held.calls).toEqual([[1, 2, 3]]);
    expect(settled).toBe(0);
    held.releaseNext();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30]);
  });

  it('gathers what is submitted while a call is under way into the next call', async () => {
    const held = heldRun();
    const batcher = new Batcher(held.run, { maxBatch: 100, maxInFlight: 1 });
    const first = batcher.submit(1);
    await nextTurn();
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    await nextTurn();
    expect(held.calls).toEqual([[1]]);
    expect(batcher.waiting).toBe(3);
    held.releaseNext();
    await first;
    await nextTurn();
    expect(held.calls).toEqual([[1], [2, 3, 4]]);
    held.releaseNext();
    await expect(Promise.all(later)).resolves.toEqual([20, 30, 40]);
  });

  it('keeps calls under maxBatch items and maxInFlight at once', async () => {
    const held = heldRun();
    const batcher = new Batcher(held.run, { maxBatch: 2, maxInFlight: 2 });
    const all = [1, 2, 3, 4, 5].map((item) => batcher.submit(item));
    await nextTurn();
    expect(held.calls).toEqual([
      [1, 2],
      [3, 4],
    ]);
    held.releaseNext();
    await all[0];
    await nextTurn();
    expect(held.calls).toEqual([[1, 2], [3, 4], [5]]);
    held.releaseNext();
    held.releaseNext();
    await expect(Promise.all(all)).resolves.toEqual([10, 20, 30, 40, 50]);
  });

  it('retries a failed call item by item, so only the bad item fails', async () => {
    const calls: number[][] = [];
    const batcher = new Batcher(
      async (items: number[]) => {
        calls.push(items);
        if (items.includes(2)) throw new Error(`refused ${items.join(',')}`);
        return items;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((item) => batcher.submit(item)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('refused 2') },
      { status: 'fulfilled', value: 3 },
    ]);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('rejects every item when the failure is not about an item', async () => {
    const batcher = new Batcher<number, void>(() => Promise.reject(new Error('broker down')), {
      maxBatch: 10,
      maxInFlight: 1,
    });
    const results = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });

  it('refuses a call that does not answer for every item', async () => {
    const batcher = new Batcher(async (items: number[]) => items.slice(1), {
      maxBatch: 10,
      maxInFlight: 1,
    });
    await expect(batcher.submit(1)).rejects.toThrow('batch returned 0 results for 1 items');
  });
});
