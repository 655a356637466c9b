import { BoundedCounter, BoundedSet } from './bounded-set';

describe(BoundedSet.name, () => {
  it('forgets the least recently used key beyond its capacity', () => {
    const set = new BoundedSet(2);
    set.add('a');
    set.add('b');
    expect(set.has('a')).toBe(true); // a is now the most recent
    set.add('c');
    expect(set.has('b')).toBe(false);
    expect(set.has('a')).toBe(true);
    expect(set.has('c')).toBe(true);
    expect(set.size).toBe(2);
  });
});

describe(BoundedCounter.name, () => {
  it('counts per key', () => {
    const counter = new BoundedCounter(10);
    expect(counter.increment('a')).toBe(1);
    expect(counter.increment('a')).toBe(2);
    expect(counter.increment('b')).toBe(1);
  });
});
