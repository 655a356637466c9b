import { Admission } from './consumer-admission';
import { OffsetWindow } from './offset-window';
import { PartitionCommitter, type SendCommit } from './partition-committer';

/**
 * One assigned partition's work: the records taken (window), their admission, and the
 * commit rule: the committed position is the lowest offset without a durable outcome
 * (`OffsetWindow`), sent through a `PartitionCommitter` (one commit in flight, positions
 * reached meanwhile folded into the next, refused commits retried with backoff).
 */
export class PartitionWork {
  readonly window = new OffsetWindow();
  readonly admission: Admission;
  readonly committer: PartitionCommitter;
  /** Aborted on stop or revocation: records not yet running are dropped. */
  private readonly cancel = new AbortController();
  /** Taken away by a rebalance: its late finishes must not commit (the new owner's count). */
  private revoked = false;
  /** Set while fetching is paused for a full window: resumes the partition's fetches. */
  private resumeFetch: (() => void) | undefined;

  constructor(
    perKey: number,
    send: SendCommit,
    onCommitError: (position: string, error: unknown) => void,
  ) {
    this.admission = new Admission(perKey, this.cancel.signal);
    this.committer = new PartitionCommitter(
      (position) => (this.revoked ? Promise.resolve() : send(position)),
      onCommitError,
    );
  }

  /** Aborts on stop or revocation; a handler's backoff ends early with it. */
  get signal(): AbortSignal {
    return this.cancel.signal;
  }

  /** The record at `offset` has a durable outcome: the commit moves once those before it do. */
  finished(offset: string): void {
    const position = this.window.finish(offset);
    if (position !== undefined) this.committer.request(position);
  }

  /**
   * Pauses the partition's fetches (kafkajs's `pause`, which returns the resume) until
   * fewer than `maxWindow` records are unfinished.
   */
  pauseUntilRoom(maxWindow: number, pause: () => () => void): void {
    if (this.resumeFetch !== undefined) return;
    const resume = pause();
    this.resumeFetch = () => {
      this.resumeFetch = undefined;
      resume();
    };
    void this.admission.roomFor(maxWindow).then(() => this.resumeFetch?.());
  }

  /**
   * Takes no more records; `revoke` also stops this partition's commits. A paused
   * partition is resumed: if it comes back to this member, its new owner fetches it.
   */
  cancelWork(revoke: boolean): void {
    this.revoked ||= revoke;
    this.cancel.abort();
    this.resumeFetch?.();
  }

  /** Resolves once the records running finished and their commit had its last try. */
  async settle(): Promise<void> {
    await this.admission.roomFor(1);
    await this.committer.drain();
  }
}
