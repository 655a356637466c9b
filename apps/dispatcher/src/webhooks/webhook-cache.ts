import type { WebhookRecord } from './webhook.record';

interface Entry {
  /** Shared by every attempt that asks while the row is being read: one query for all. */
  value: Promise<WebhookRecord | undefined>;
  expiresAt: number;
}

/** Entries kept at most; past this, expired ones are dropped, then the oldest. */
const MAX_ENTRIES = 10_000;

/**
 * The webhook rows read per delivery attempt, kept for `ttlMs` (decision 013): one query
 * per webhook and TTL instead of one per attempt. A missing row (deleted) is kept too, so
 * a disable or delete by another process takes effect within `ttlMs`; this process's own
 * writes call `invalidate` and take effect at once. `ttlMs` 0 turns the cache off.
 */
export class WebhookCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    /** Monotonic milliseconds; a fake in specs. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(
    accountId: string,
    id: string,
    load: () => Promise<WebhookRecord | undefined>,
  ): Promise<WebhookRecord | undefined> {
    if (this.ttlMs <= 0) return load();
    const key = keyOf(accountId, id);
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.expiresAt > now) return cached.value;
    // Counted from the start of the read: the row may have changed right after it.
    const entry: Entry = { value: load(), expiresAt: now + this.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // A failed read is not kept: the next attempt reads again.
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.trim(now);
    return entry.value;
  }

  /**
   * Forgets the webhook after this process changed or deleted it. A read already under way
   * may still hand its (older) row to the attempts that asked before the write; the next
   * ones read again.
   */
  invalidate(accountId: string, id: string): void {
    this.entries.delete(keyOf(accountId, id));
  }

  get size(): number {
    return this.entries.size;
  }

  private trim(now: number): void {
    if (this.entries.size <= MAX_ENTRIES) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    // Map order is insertion order and a fresh read is re-inserted: the first are the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= MAX_ENTRIES) break;
      this.entries.delete(key);
    }
  }
}

function keyOf(accountId: string, id: string): string {
  return `${accountId}/${id}`;
}
