export interface BatcherOptions {
  /** Items per call of `run`, at most. */
  maxBatch: number;
  /** Calls of `run` under way at once, at most; items asked for meanwhile wait and join. */
  maxInFlight: number;
}

interface Waiting<I, O> {
  item: I;
  resolve(result: O): void;
  reject(error: unknown): void;
}

/**
 * Group commit for round trips: items submitted while earlier calls are under way (or in
 * the same turn of the event loop) go out together in one call of `run`. On this kind of
 * host a round trip (a socket write and a wake-up on both sides) costs more than the bytes
 * in it (docs/decisions/051), so a busy dispatcher makes few large requests instead of
 * many small ones, and an idle one adds one event-loop turn of delay.
 *
 * Each caller's promise settles with its own item's result, only after the call that
 * carried it. A failed call of several items is retried item by item, in order, so one
 * bad item (a row a constraint refuses, a message a schema refuses) fails alone.
 */
export class Batcher<I, O> {
  private queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Returns one result per item, in order. */
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly options: BatcherOptions,
  ) {
    if (options.maxBatch < 1 || options.maxInFlight < 1) {
      throw new RangeError('a batcher needs maxBatch and maxInFlight of at least 1');
    }
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Items waiting for a call, not counting those under way. */
  get waiting(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight) return;
    this.scheduled = true;
    // The rest of this turn's submissions join the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        // What queued up while this call was under way goes out now, without waiting a turn.
        this.flush();
      });
    }
  }

  private async send(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      if (results.length !== batch.length) {
        throw new Error(`batch returned ${results.length} results for ${batch.length} items`);
      }
      batch.forEach((entry, index) => entry.resolve(results[index] as O));
    } catch (error) {
      if (batch.length === 1) return batch[0]?.reject(error);
      // One after the other, in order: two items about one thing (attempts of the same
      // delivery) then land as they would have one by one.
      for (const entry of batch) await this.send([entry]);
    }
  }
}
