import { setMaxListeners } from 'node:events';
import { abortableSleep } from './abortable-sleep';
import { KeyLimiter } from './key-limiter';

/**
 * The one admission step of a partition, for first attempts and retries alike: a record
 * starts once its due time has come and then once its key (endpoint) is below its in-flight
 * cap. Waiting for the due time is a timer that holds no key slot, so an endpoint's records
 * waiting for later never keep its due ones (or anyone else's) from running. Every record
 * admitted counts in `size` until it finished or was dropped, so the caller bounds it.
 */
export class Admission {
  private readonly limiter: KeyLimiter;
  private pending = 0;
  private readonly roomWaiters: (() => void)[] = [];

  /** `cancelled`: stop or revocation; records not yet running are dropped, never run. */
  constructor(
    private readonly perKey: number,
    private readonly cancelled: AbortSignal,
  ) {
    this.limiter = new KeyLimiter(perKey);
    // One listener per record waiting for its due time: up to a window's worth, legitimately.
    setMaxListeners(0, cancelled);
  }

  get size(): number {
    return this.pending;
  }

  /**
   * Runs `task` once `dueAtMs` came and `key` has room, unless cancelled first. When the key
   * is then at its cap with as many again queued, `elsewhere` (if given) runs at once
   * instead: the record moves out rather than fill the window. Never rejects.
   */
  admit(
    key: string,
    dueAtMs: number,
    task: () => Promise<unknown>,
    elsewhere?: () => Promise<unknown>,
  ): void {
    this.pending += 1;
    const start = () =>
      elsewhere && this.limiter.crowded(key, this.perKey)
        ? void elsewhere().then(this.settle, this.settle)
        : this.enqueue(key, task);
    // Due now: queued at once, so records of one key keep their offset order.
    if (dueAtMs <= Date.now()) return start();
    void this.sleepUntil(dueAtMs).then(() => (this.cancelled.aborted ? this.settled() : start()));
  }

  /**
   * Node's timers run on a monotonic clock and may fire a millisecond before `Date.now()`
   * reaches `dueAtMs`: sleep again for what is left, so nothing starts before it is due.
   */
  private async sleepUntil(dueAtMs: number): Promise<void> {
    for (let left = dueAtMs - Date.now(); left > 0; left = dueAtMs - Date.now()) {
      await abortableSleep(left, this.cancelled);
      if (this.cancelled.aborted) return;
    }
  }

  /** Resolves once fewer than `limit` records are admitted and unfinished. */
  async roomFor(limit: number): Promise<void> {
    while (this.pending >= limit) await new Promise<void>((wake) => this.roomWaiters.push(wake));
  }

  private enqueue(key: string, task: () => Promise<unknown>): void {
    if (this.cancelled.aborted) return this.settled();
    this.limiter.run(key, async () => {
      try {
        // Queued behind its key while the partition was taken away or the consumer stopped.
        if (!this.cancelled.aborted) await task();
      } finally {
        this.settled();
      }
    });
  }

  private readonly settle = () => this.settled();

  private settled(): void {
    this.pending -= 1;
    if (this.roomWaiters.length > 0) this.roomWaiters.splice(0).forEach((wake) => wake());
  }
}
