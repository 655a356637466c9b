import { KeyCache, type CachedKey } from './key-cache';

const row = (id: string): CachedKey => ({
  id,
  accountId: 'account',
  keyHash: Buffer.alloc(32),
  revokedAt: null,
});

describe(KeyCache.name, () => {
  it('looks a found key up once per TTL, and shares one lookup among concurrent misses', async () => {
    const cache = new KeyCache(60_000, 10);
    const load = jest.fn(async () => row('k1'));
    const answers = await Promise.all([cache.get('p1', load), cache.get('p1', load)]);
    expect(await cache.get('p1', load)).toEqual(row('k1'));
    expect(answers).toEqual([row('k1'), row('k1')]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps neither unknown prefixes nor failed lookups', async () => {
    const cache = new KeyCache(60_000, 10);
    const missing = jest.fn(async () => null);
    await cache.get('nope', missing);
    await cache.get('nope', missing);
    expect(missing).toHaveBeenCalledTimes(2);
    const failing = jest.fn(() => Promise.reject(new Error('database down')));
    await expect(cache.get('p', failing)).rejects.toThrow('database down');
    await expect(cache.get('p', failing)).rejects.toThrow('database down');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('looks again once the TTL has passed', async () => {
    jest.useFakeTimers({ now: 0 });
    try {
      const cache = new KeyCache(1_000, 10);
      const load = jest.fn(async () => row('k1'));
      await cache.get('p1', load);
      jest.setSystemTime(999);
      await cache.get('p1', load);
      jest.setSystemTime(1_000);
      await cache.get('p1', load);
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('forgets a revoked id at once, and holds at most maxEntries keys', async () => {
    const cache = new KeyCache(60_000, 2);
    const load = jest.fn(async () => row('k1'));
    await cache.get('p1', load);
    cache.forgetId('k1');
    await cache.get('p1', load);
    expect(load).toHaveBeenCalledTimes(2);
    await cache.get('p2', async () => row('k2'));
    await cache.get('p3', async () => row('k3'));
    await cache.get('p1', load);
    // p1 was the oldest when p3 came in, so it was evicted and is looked up again.
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('with a TTL of 0 caches nothing', async () => {
    const cache = new KeyCache(0, 10);
    const load = jest.fn(async () => row('k1'));
    await cache.get('p1', load);
    await cache.get('p1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
