/**
 * A set that forgets its least recently used entries beyond `capacity`, so remembering
 * webhook ids costs bounded memory. An id older than the sender's retry window (about
 * 6 minutes for leadhooks, plus replays) rarely comes back; size the capacity to hold
 * at least that window's deliveries.
 */
export class BoundedSet {
  private readonly entries = new Map<string, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
  }

  has(key: string): boolean {
    if (!this.entries.has(key)) return false;
    // Map keeps insertion order: re-inserting marks the key most recently used.
    this.entries.delete(key);
    this.entries.set(key, true);
    return true;
  }

  add(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, true);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Counts per key, with the same bound (used to fail the first N attempts of each id). */
export class BoundedCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  increment(key: string): number {
    const next = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, next);
    if (this.counts.size > this.capacity) {
      const oldest = this.counts.keys().next();
      if (!oldest.done) this.counts.delete(oldest.value);
    }
    return next;
  }
}
