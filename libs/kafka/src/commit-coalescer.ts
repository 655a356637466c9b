/**
 * Decides, for one partition, which offset commits to send so that there is at most one
 * in flight and everything finished meanwhile rides on the next one. Pure bookkeeping: the
 * caller sends the commits it is told to and reports how each ended (see
 * `PartitionCommitter`). Positions are "the next record to read" (finished offset + 1) as
 * int64 decimal strings; the caller only asks for positions below which every record has
 * an outcome, so committing the highest one asked for is at-least-once.
 */
export class CommitCoalescer {
  /** Highest position the broker confirmed (or the one we started from). */
  private acked: bigint | undefined;
  /** Position of the commit in flight. */
  private sending: bigint | undefined;
  /** Highest position asked for so far. */
  private wanted: bigint | undefined;

  /** True when nothing is in flight and everything asked for is confirmed. */
  get idle(): boolean {
    return this.sending === undefined && !this.ahead(this.wanted);
  }

  /**
   * Asks for `position` to be committed. Returns the position to send now, or undefined
   * when a commit is in flight (it is folded into the next one) or it is already covered.
   */
  request(position: string): string | undefined {
    const value = BigInt(position);
    if (this.wanted === undefined || value > this.wanted) this.wanted = value;
    return this.sending === undefined ? this.sendWanted() : undefined;
  }

  /**
   * The commit in flight ended. After a success, returns what was folded in meanwhile (to
   * send now). After a failure nothing is resent at once (a broker refusing commits during
   * a rebalance would make that a busy loop); the next `request` or `flush` carries it.
   */
  settled(ok: boolean): string | undefined {
    const sent = this.sending;
    this.sending = undefined;
    if (!ok) return undefined;
    if (sent !== undefined && (this.acked === undefined || sent > this.acked)) this.acked = sent;
    return this.sendWanted();
  }

  /** For a last attempt (stop, revocation): what is wanted and not confirmed, if idle. */
  flush(): string | undefined {
    return this.sending === undefined ? this.sendWanted() : undefined;
  }

  private sendWanted(): string | undefined {
    if (!this.ahead(this.wanted)) return undefined;
    this.sending = this.wanted;
    return this.wanted?.toString();
  }

  private ahead(position: bigint | undefined): boolean {
    return position !== undefined && (this.acked === undefined || position > this.acked);
  }
}
