/** A pending outbox row this instance holds locked, as far as ordering cares. */
export interface ClaimedRow {
  /** bigint as a decimal string. */
  id: string;
  aggregateId: string;
}

/**
 * Which claimed rows may be published now without overtaking an earlier event of the
 * same lead. `firstForeignPending` maps a lead to the lowest id of its pending rows that
 * this instance does NOT hold (another publisher has them locked, or they were committed
 * after our claim). A lead's rows are publishable only below that id; the rest wait for
 * the next round. Input and output are in id order.
 */
export function publishableInOrder<T extends ClaimedRow>(
  claimed: readonly T[],
  firstForeignPending: ReadonlyMap<string, string>,
): { publishable: T[]; heldBack: T[] } {
  const publishable: T[] = [];
  const heldBack: T[] = [];
  for (const row of claimed) {
    const limit = firstForeignPending.get(row.aggregateId);
    (limit === undefined || BigInt(row.id) < BigInt(limit) ? publishable : heldBack).push(row);
  }
  return { publishable, heldBack };
}
