import { CommitCoalescer } from './commit-coalescer';

/** Sends one offset commit for the partition; rejects when the broker refused it. */
export type SendCommit = (position: string) => Promise<void>;

/**
 * Commits one partition's positions through a `CommitCoalescer`: a record finishing does
 * not wait for (or cost) a commit request of its own, which was one round trip per record.
 * A failed commit is reported and left to the next one (or to redelivery: at-least-once).
 */
export class PartitionCommitter {
  private readonly coalescer = new CommitCoalescer();
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly send: SendCommit,
    private readonly onError: (position: string, error: unknown) => void,
  ) {}

  /** Asks for `position` (finished offset + 1) to be committed; returns without waiting. */
  request(position: string): void {
    this.start(this.coalescer.request(position));
  }

  /**
   * Resolves once nothing is in flight, after one last try at anything a failed commit
   * left behind; for stop and revocation ("commit what is finished"). Never rejects.
   */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    this.start(this.coalescer.flush());
    while (this.inFlight) await this.inFlight;
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
