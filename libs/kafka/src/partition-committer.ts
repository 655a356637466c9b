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
 * Commits one partition's positions through a `CommitCoalescer`: a record finishing does
 * not wait for (or cost) a commit request of its own, which was one round trip per record.
 * Requests within `minIntervalMs` of the last commit wait and go as one. A failed commit
 * is reported and left to the next one (or to redelivery: at-least-once).
 */
export class PartitionCommitter {
  private readonly coalescer = new CommitCoalescer();
  private inFlight: Promise<void> | undefined;
  /** The highest position asked for while the interval holds requests back. */
  private held: bigint | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextAllowedAt = 0;

  constructor(
    private readonly send: SendCommit,
    private readonly onError: (position: string, error: unknown) => void,
    private readonly minIntervalMs = defaultCommitIntervalMs,
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
   */
  async drain(): Promise<void> {
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
    this.start(this.coalescer.settled(ok));
  }
}
