/**
 * Runs tasks with at most `perKey` at once for any one key; the rest of that key wait in
 * FIFO order while other keys run. Everything started or waiting counts in `size`, so the
 * caller can bound the total.
 */
export class KeyLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private pending = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly perKey: number) {
    if (!Number.isSafeInteger(perKey) || perKey < 1)
      throw new RangeError(`perKey must be a positive integer, got ${perKey}`);
  }

  get size(): number {
    return this.pending;
  }

  /** Starts `task` now or once its key has room; settles with nothing (tasks handle their own errors). */
  run(key: string, task: () => Promise<unknown>): void {
    this.pending += 1;
    const start = () => {
      this.running.set(key, (this.running.get(key) ?? 0) + 1);
      const done = () => this.done(key);
      task().then(done, done);
    };
    if ((this.running.get(key) ?? 0) < this.perKey) return start();
    // In place: one endpoint's queue can hold a whole window of records.
    const queue = this.waiting.get(key);
    if (queue === undefined) this.waiting.set(key, [start]);
    else queue.push(start);
  }

  /** True when `key` is at its cap with at least `waiting` more of it queued. */
  crowded(key: string, waiting: number): boolean {
    return (
      (this.running.get(key) ?? 0) >= this.perKey && (this.waiting.get(key)?.length ?? 0) >= waiting
    );
  }

  /** Resolves once fewer than `limit` tasks are running or waiting. */
  async roomFor(limit: number): Promise<void> {
    while (this.pending >= limit)
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private done(key: string): void {
    this.pending -= 1;
    const left = (this.running.get(key) ?? 1) - 1;
    if (left === 0) this.running.delete(key);
    else this.running.set(key, left);
    const queue = this.waiting.get(key);
    const next = queue?.shift();
    if (queue !== undefined && queue.length === 0) this.waiting.delete(key);
    next?.();
    if (this.idleWaiters.length > 0) this.idleWaiters.splice(0).forEach((wake) => wake());
  }
}
