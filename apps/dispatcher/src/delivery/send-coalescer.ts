/**
 * Merges the sends asked for in one turn of the event loop into one call. Fan-out runs
 * many events at once, and each produced its deliveries in a request of its own; on this
 * kind of host every request (a socket write and a wake-up on both sides) costs more than
 * the bytes in it (docs/decisions/051). Each caller's promise settles with the merged
 * call, so nobody is told "sent" before the broker acknowledged their records.
 */
export class SendCoalescer<T> {
  private pending: { items: readonly T[]; resolve(): void; reject(error: unknown): void }[] = [];

  constructor(private readonly sendAll: (items: T[]) => Promise<void>) {}

  send(items: readonly T[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ items, resolve, reject });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      await this.sendAll(batch.flatMap((entry) => entry.items));
      for (const entry of batch) entry.resolve();
    } catch (error) {
      // Every caller retries its own records; none of them is known to have landed.
      for (const entry of batch) entry.reject(error);
    }
  }
}
