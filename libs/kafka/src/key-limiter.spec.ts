import { KeyLimiter } from './key-limiter';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe(KeyLimiter.name, () => {
  it('caps each key while other keys run', async () => {
    const limiter = new KeyLimiter(2);
    const started: string[] = [];
    const gates = Array.from({ length: 4 }, deferred);
    ['a1', 'a2', 'a3', 'b1'].forEach((name, i) =>
      limiter.run(name[0], async () => {
        started.push(name);
        await gates[i].promise;
      }),
    );
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect(limiter.size).toBe(4);
    gates[0].resolve();
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    gates.forEach((gate) => gate.resolve());
    await limiter.roomFor(1);
    expect(limiter.size).toBe(0);
  });

  it('says when a key is at its cap with a given number of its tasks queued', async () => {
    const limiter = new KeyLimiter(1);
    const gate = deferred();
    limiter.run('a', () => gate.promise);
    expect(limiter.crowded('a', 1)).toBe(false);
    limiter.run('a', async () => undefined);
    expect(limiter.crowded('a', 1)).toBe(true);
    expect(limiter.crowded('b', 0)).toBe(false);
    gate.resolve();
    await limiter.roomFor(1);
    expect(limiter.crowded('a', 0)).toBe(false);
  });

  it('counts a failed task as done', async () => {
    const limiter = new KeyLimiter(1);
    limiter.run('k', () => Promise.reject(new Error('no')));
    await limiter.roomFor(1);
    expect(limiter.size).toBe(0);
  });
});
