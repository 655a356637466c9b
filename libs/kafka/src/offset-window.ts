/**
 * The records of one partition taken but not yet finished, in offset order, and where the
 * group may commit: the lowest unfinished offset (everything below it has an outcome), or
 * one past the highest taken once all are finished. Offsets are int64 decimal strings.
 */
export class OffsetWindow {
  /** Unfinished offsets in the order taken, which is offset order. */
  private readonly unfinished = new Set<bigint>();
  private nextAfterTaken: bigint | undefined;
  private committed: bigint | undefined;

  get size(): number {
    return this.unfinished.size;
  }

  take(offset: string): void {
    const value = BigInt(offset);
    if (this.nextAfterTaken !== undefined && value < this.nextAfterTaken) {
      throw new RangeError(
        `offset ${offset} taken out of order (next expected ${this.nextAfterTaken})`,
      );
    }
    this.unfinished.add(value);
    this.nextAfterTaken = value + 1n;
    // The group's position is at least here already (this record was fetched from it).
    this.committed ??= value;
  }

  /**
   * Marks `offset` finished. Returns the offset to commit when the commit position moved
   * forward (the next record to read), undefined when a lower record is still unfinished.
   */
  finish(offset: string): string | undefined {
    this.unfinished.delete(BigInt(offset));
    const position = this.position();
    if (position === undefined || (this.committed !== undefined && position <= this.committed))
      return undefined;
    this.committed = position;
    return position.toString();
  }

  private position(): bigint | undefined {
    for (const lowest of this.unfinished) return lowest;
    return this.nextAfterTaken;
  }
}
