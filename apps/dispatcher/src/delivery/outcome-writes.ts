import { setMaxListeners } from 'node:events';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';

/** Backoff between tries of one write: exponential from `initialMs`, capped at `maxMs`. */
export interface WriteBackoff {
  initialMs: number;
  maxMs: number;
}

/** 100 ms, 200 ms, ... 5 s: a restart of Postgres or a broker is over within a few tries. */
export const defaultWriteBackoff: WriteBackoff = { initialMs: 100, maxMs: 5_000 };

/** The delay before try `failures + 1`, with equal jitter (half fixed, half random). */
export function writeRetryDelayMs(
  failures: number,
  backoff: WriteBackoff = defaultWriteBackoff,
  random: () => number = Math.random,
): number {
  const step = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Thrown when the dispatcher stops while a write still fails: the record stays uncommitted. */
export class WriteAbandoned extends Error {
  override readonly name = 'WriteAbandoned';
}

/**
 * Makes the writes that record an attempt's outcome (the log row, the retry or dead-letter
 * record) durable without sending again: once the HTTP request has been answered, a failed
 * write is retried on its own, with backoff, for as long as it takes (decision 061). Only
 * a shutdown gives up, leaving the Kafka record uncommitted for whoever owns it next.
 */
@Injectable()
export class OutcomeWrites {
  private readonly stopping = new AbortController();
  private readonly backoff: WriteBackoff = defaultWriteBackoff;

  constructor(@Inject(LOGGER) private readonly logger: Logger) {
    // Every write waiting to try again listens for the abort: many, during an outage.
    setMaxListeners(0, this.stopping.signal);
  }

  async durably(what: string, context: object, write: () => Promise<void>): Promise<void> {
    for (let failures = 0; ; ) {
      try {
        return await write();
      } catch (error) {
        failures += 1;
        if (this.stopping.signal.aborted) {
          throw new WriteAbandoned(`${what} not written before shutdown: ${String(error)}`);
        }
        const retryInMs = writeRetryDelayMs(failures, this.backoff);
        this.logger.warn(
          { ...context, what, failures, retryInMs, error: String(error) },
          'recording an outcome failed; retrying the write only',
        );
        await this.sleep(retryInMs);
      }
    }
  }

  /** Writes failing from now on give up instead of waiting for their dependency. */
  stop(): void {
    this.stopping.abort();
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopping.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
