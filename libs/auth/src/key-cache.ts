/** What authentication needs of a key row; cached by the key's (public) prefix. */
export interface CachedKey {
  id: string;
  accountId: string;
  keyHash: Buffer;
  revokedAt: Date | null;
}

interface Entry {
  expiresAt: number;
  key: Promise<CachedKey | null>;
  /** The row's id once the lookup has answered. */
  id?: string;
}

/**
 * Key rows by prefix for `ttlMs`, so a busy client costs one lookup per TTL instead of a
 * database round trip per request. Only found rows stay: an unknown prefix is looked up
 * every time and cannot fill the cache. Concurrent misses of one prefix share a lookup.
 * The presented secret is still checked against the cached hash on every request.
 */
export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get(prefix: string, load: () => Promise<CachedKey | null>): Promise<CachedKey | null> {
    const now = Date.now();
    const cached = this.entries.get(prefix);
    if (cached && cached.expiresAt > now) return cached.key;
    if (this.ttlMs <= 0) return load();
    const key = load();
    const entry: Entry = { expiresAt: now + this.ttlMs, key };
    this.entries.delete(prefix);
    // Maps iterate in insertion order: the first entry is the oldest.
    const oldest = this.entries.keys().next();
    if (this.entries.size >= this.maxEntries && !oldest.done) this.entries.delete(oldest.value);
    this.entries.set(prefix, entry);
    const forget = () => this.entries.get(prefix) === entry && this.entries.delete(prefix);
    key.then((found) => (found === null ? forget() : (entry.id = found.id)), forget);
    return key;
  }

  /** Drops a key at once (its revocation in this process). */
  forgetId(id: string): void {
    // A lookup still in flight may be reading the row as it was: drop those too.
    for (const [prefix, entry] of this.entries) {
      if (entry.id === undefined || entry.id === id) this.entries.delete(prefix);
    }
  }
}
