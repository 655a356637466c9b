import { CommitCoalescer } from './commit-coalescer';

/** Sends one offset commit for the partition; rejects when the broker refused it. */
export type SendCommit = (position: string) => Promise<void>;

/**
 * How often one partition's position is committed at most, ms. At tens of records a
 * second each record finishing alone would still cost a commit request (and a write to
 * the broker's offsets log); a crash re-delivers at most this much more than it would
 * anyway (at-least-once, decision 003). Kafka's own clients commit every 5 s.
 */
export const defaultCommitIntervalMs = 200;

/**
 * Backoff between tries at a refused commit, ms: doubling from `initialMs` up to `maxMs`.
 * A commit refused while a broker is lost (its coordinator moving, "Broker N not found")
 * lands on a later try once the group's coordinator is found again; each second it stays
 * refused is a second of records a restart would run again. Capped at 1 s, like the
 * client's own retries (kafka.config.ts): a try that waits for a coordinator still gone
 * already takes that long by itself, so a longer pause only delays the first one to land.
 */
export const commitRetryBackoff = { initialMs: 250, maxMs: 1_000 };

/**
 * Commits one partition's positions through a `CommitCoalescer`: a record finishing does
 * not wait for (or cost) a commit request of its own, which was one round trip per record.
 * Requests within `minIntervalMs` of the last commit wait and go as one. A refused commit
 * is reported and tried again after a backoff (sooner if another record finishes), until
 * it lands or the committer is drained.
 */
export class PartitionCommitter {
  private readonly coalescer = new CommitCoalescer();
  private inFlight: Promise<void> | undefined;
  /** The highest position asked for while the interval holds requests back. */
  private held: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextAllowedAt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Refusals in a row, for the backoff. */
  private refusals = 0;
  /**
   * Set by `drain`: the partition is being handed back (stop, rebalance, rejoin), so no
   * try of its own any more. A late one could land after the next owner's commits and
   * move the group's position back.
   */
  private drained = false;

  constructor(
    private readonly send: SendCommit,
    private readonly onError: (position: string, error: unknown) => void,
    private readonly minIntervalMs = defaultCommitIntervalMs,
    private readonly backoff = commitRetryBackoff,
  ) {}

  /** Asks for `position` (finished offset + 1) to be committed; returns without waiting. */
  request(position: string): void {
    const value = BigInt(position);
    if (this.held === undefined || value > this.held) this.held = value;
    if (this.timer !== undefined) return;
    const waitMs = this.nextAllowedAt - Date.now();
    if (waitMs <= 0) this.release();
    else {
      this.timer = setTimeout(() => this.release(), waitMs);
      // drain() sends what is held on stop; the timer alone must not keep a process up.
      this.timer.unref();
    }
  }

  /**
   * Resolves once nothing is in flight, after one last try at anything a failed commit
   * left behind; for stop and revocation ("commit what is finished"). Never rejects.
   * Ends the tries after refusals: `request` still sends, nothing retries by itself.
   */
  async drain(): Promise<void> {
    this.drained = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.release();
    while (this.inFlight) await this.inFlight;
    this.start(this.coalescer.flush());
    while (this.inFlight) await this.inFlight;
  }

  private release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const held = this.held;
    this.held = undefined;
    if (held === undefined) return;
    this.nextAllowedAt = Date.now() + this.minIntervalMs;
    this.start(this.coalescer.request(held.toString()));
  }

  private start(position: string | undefined): void {
    if (position === undefined) return;
    // Deferred a tick so that a `send` that throws synchronously is handled like a refusal.
    const commit: Promise<void> = Promise.resolve()
      .then(() => this.send(position))
      .then(
        () => this.settle(commit, true),
        (error: unknown) => {
          this.onError(position, error);
          this.settle(commit, false);
        },
      );
    this.inFlight = commit;
  }

  private settle(commit: Promise<void>, ok: boolean): void {
    if (this.inFlight === commit) this.inFlight = undefined;
    this.refusals = ok ? 0 : this.refusals + 1;
    this.start(this.coalescer.settled(ok));
    if (!ok) this.retryLater();
  }

  /** One timer at a time; whatever is wanted and unconfirmed then goes (the coalescer knows). */
  private retryLater(): void {
    if (this.drained || this.retryTimer !== undefined) return;
    const delayMs = Math.min(
      this.backoff.maxMs,
      this.backoff.initialMs * 2 ** Math.min(this.refusals - 1, 20),
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.drained) this.start(this.coalescer.flush());
    }, delayMs);
    // Like the interval timer: drain() makes the last try on stop; this must not hold a process.
    this.retryTimer.unref();
  }
}
