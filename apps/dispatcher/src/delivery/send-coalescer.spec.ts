import { SendCoalescer } from './send-coalescer';

describe(SendCoalescer.name, () => {
  it('merges the sends of one turn into one call and settles each caller after it', async () => {
    const calls: number[][] = [];
    let release: () => void = () => undefined;
    const coalescer = new SendCoalescer<number>(async (items) => {
      calls.push(items);
      await new Promise<void>((resolve) => (release = resolve));
    });
    let settled = 0;
    const sends = [coalescer.send([1, 2]), coalescer.send([3]), coalescer.send([4])].map((p) =>
      p.then(() => (settled += 1)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([[1, 2, 3, 4]]);
    expect(settled).toBe(0);
    release();
    await Promise.all(sends);
    expect(settled).toBe(3);
  });

  it('starts a new call for sends asked for after a flush began', async () => {
    const calls: number[][] = [];
    const coalescer = new SendCoalescer<number>(async (items) => void calls.push(items));
    await coalescer.send([1]);
    await coalescer.send([2]);
    expect(calls).toEqual([[1], [2]]);
  });

  it('rejects every caller of a failed call', async () => {
    const coalescer = new SendCoalescer<number>(() => Promise.reject(new Error('broker down')));
    const results = await Promise.allSettled([coalescer.send([1]), coalescer.send([2])]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
  });
});
