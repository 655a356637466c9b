import type { Logger } from 'pino';
import type { OutboxStore } from './outbox.store';
import type { EventSink } from './save-lead.sink';

export interface OutboxPublisherOptions {
  batchSize: number;
  /** Safety net: how often to look without being woken. */
  pollIntervalMs: number;
  sendTimeoutMs: number;
  /** Sent rows older than this are deleted. */
  retentionMs: number;
  /** Longest wait in `stop()` for the round in progress. Default 5 s. */
  stopGraceMs?: number;
  /** Told how many events each batch published, once Kafka acknowledged and the rows are marked sent. */
  onPublished?(count: number): void;
}

// Held-back rows belong to a lead another instance is publishing; it finishes within a
// batch's round trip, so look again soon rather than at the next poll.
const heldBackRetryMs = 50;
const backoff = { initialMs: 250, maxMs: 2_000 };
const cleanupEveryMs = 10 * 60_000;
// Under the 10 s a supervisor usually allows between SIGTERM and SIGKILL.
const defaultStopGraceMs = 5_000;

export class SendTimeoutError extends Error {
  override readonly name = 'SendTimeoutError';
}

/**
 * Moves pending outbox rows to Kafka: claim a batch (locked), send it, mark it sent, in
 * one transaction. A crash anywhere before the commit leaves the rows pending, so they
 * are sent again: at-least-once, with the event id unchanged. One loop per instance;
 * `wake()` (NOTIFY) runs it at once, the poll interval otherwise.
 */
export class OutboxPublisher {
  private stopping = false;
  private woken = false;
  private interrupt: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private nextCleanupAt = 0;

  constructor(
    private readonly store: OutboxStore,
    private readonly sink: EventSink,
    private readonly logger: Logger,
    private readonly options: OutboxPublisherOptions,
  ) {}

  start(): void {
    this.stopping = false;
    this.running ??= this.loop().finally(() => (this.running = undefined));
  }

  /** Something was committed to the outbox: look now (or right after the current round). */
  wake(): void {
    this.woken = true;
    this.interrupt?.();
  }

  /**
   * Lets the round in progress finish (its batch committed or rolled back), waiting at
   * most `stopGraceMs`: a send stuck on an unreachable broker must not hold up shutdown.
   * Whatever is still open then is rolled back when the pool closes; its rows stay pending.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>(
      (resolve) => (timer = setTimeout(resolve, this.options.stopGraceMs ?? defaultStopGraceMs)),
    );
    await Promise.race([this.running, grace]);
    clearTimeout(timer);
  }

  /** Publishes until nothing publishable is pending. Returns how many events it sent. */
  async drain(): Promise<{ sent: number; heldBack: boolean }> {
    let sent = 0;
    while (!this.stopping) {
      await this.sink.connect();
      const batch = await this.store.claim(this.options.batchSize);
      if (batch.events.length === 0) {
        await batch.release();
        return { sent, heldBack: batch.heldBack > 0 };
      }
      try {
        await this.sendWithin(batch.events);
      } catch (error) {
        await batch
          .release()
          .catch((releaseError: unknown) =>
            this.logger.warn({ err: releaseError }, 'outbox rollback failed'),
          );
        throw error;
      }
      await batch.markSent();
      sent += batch.events.length;
      this.options.onPublished?.(batch.events.length);
      this.logger.debug(
        {
          events: batch.events.length,
          lastId: batch.events.at(-1)?.id,
          eventIds: batch.events.map((claimed) => claimed.event.eventId),
        },
        'outbox batch published',
      );
    }
    return { sent, heldBack: false };
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      this.woken = false;
      let delayMs: number;
      try {
        const { heldBack } = await this.drain();
        failures = 0;
        await this.cleanupIfDue();
        delayMs = heldBack ? heldBackRetryMs : this.options.pollIntervalMs;
      } catch (error) {
        failures += 1;
        delayMs = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 10));
        this.logger.warn(
          { err: error, failures, retryInMs: delayMs },
          'outbox publish failed; events stay pending',
        );
        // After a failure, a NOTIFY must not cut the backoff short: every commit during a
        // Kafka outage would otherwise start another doomed attempt at once.
        await this.sleep(delayMs, false);
        continue;
      }
      if (!this.woken) await this.sleep(delayMs, true);
    }
  }

  private async sendWithin(events: Parameters<EventSink['send']>[0]): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new SendTimeoutError(`no acknowledgement within ${this.options.sendTimeoutMs} ms`),
          ),
        this.options.sendTimeoutMs,
      );
      // Only a deadline: while the send is alive its own sockets and timers keep the
      // process up. Once `stop()` has given up on a hung send, this must not hold a
      // stopped process (or a test run) for the rest of OUTBOX_SEND_TIMEOUT_MS.
      timer.unref();
    });
    try {
      await Promise.race([this.sink.send(events), timeout]);
    } catch (error) {
      // The send may still be pending inside the producer; replacing the producer makes
      // sure it cannot land later, behind the retry of the same batch.
      if (error instanceof SendTimeoutError) await this.sink.reset();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() < this.nextCleanupAt) return;
    this.nextCleanupAt = Date.now() + cleanupEveryMs;
    try {
      const deleted = await this.store.deleteSentBefore(
        new Date(Date.now() - this.options.retentionMs),
      );
      if (deleted > 0) this.logger.info({ deleted }, 'deleted old sent outbox rows');
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox cleanup failed; trying again later');
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.interrupt = wakeable ? done : () => this.stopping && done();
    });
  }
}
