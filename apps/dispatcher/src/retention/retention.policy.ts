/** How long the delivery log keeps what (apps/dispatcher README, decision 067). */
export interface RetentionPolicy {
  /** Finished deliveries (their attempts and dead letters with them) older than this go. */
  retentionMs: number;
  /** Bodies of finished deliveries older than this are dropped; never longer than retentionMs. */
  bodyRetentionMs: number;
}

export interface RetentionCutoffs {
  /** Finished deliveries last changed before this are deleted. */
  deleteBefore: Date;
  /** Finished deliveries last changed before this lose their body. */
  dropBodyBefore: Date;
}

/**
 * The only statuses a purge touches: a delivery `pending` (replayed) or `retrying` is
 * still being worked on, whatever its age (a webhook's own schedule can span days).
 */
export const finishedStatuses = ['delivered', 'dead', 'cancelled'] as const;

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  return {
    deleteBefore: new Date(now.getTime() - policy.retentionMs),
    dropBodyBefore: new Date(now.getTime() - policy.bodyRetentionMs),
  };
}

/** Between two batches of a purge: stop when one came back short (nothing left before the cutoff). */
export function moreToPurge(batchCount: number, batchSize: number): boolean {
  return batchCount >= batchSize;
}
