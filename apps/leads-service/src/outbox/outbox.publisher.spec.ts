import { randomUUID } from 'node:crypto';
import { createLogger } from '@leadhooks/http';
import { waitFor } from '@leadhooks/testing';
import { OutboxPublisher, SendTimeoutError, type OutboxPublisherOptions } from './outbox.publisher';
import type { ClaimedBatch, ClaimedEvent, OutboxStore } from './outbox.store';
import type { EventSink } from './save-lead.sink';

function event(id: number): ClaimedEvent {
  return {
    id: String(id),
    requestId: null,
    event: {
      eventId: randomUUID(),
      type: 'save_lead',
      accountId: 'acc',
      occurredAt: new Date().toISOString(),
      aggregateId: 'lead',
      aggregateVersion: id,
      payload: {
        data: {
          email: 'a@b.test',
          website: '',
          company: null,
          first_name: null,
          last_name: null,
          phone: null,
          position: null,
          twitter: null,
          linkedin: null,
          notes: null,
          score: 0,
        },
      },
    },
  };
}

/** An in-memory outbox: pending events leave it only through markSent. */
class FakeStore implements OutboxStore {
  pending: ClaimedEvent[] = [];
  claims = 0;
  released = 0;

  async claim(limit: number): Promise<ClaimedBatch> {
    this.claims += 1;
    const events = this.pending.slice(0, limit);
    return {
      events,
      heldBack: 0,
      markSent: async () => {
        this.pending = this.pending.filter((e) => !events.includes(e));
      },
      release: async () => {
        this.released += 1;
      },
    };
  }

  async deleteSentBefore(): Promise<number> {
    return 0;
  }
}

class FakeSink implements EventSink {
  sent: ClaimedEvent[] = [];
  /** Connects that fail before one succeeds, as with a broker that comes back. */
  unreachable = 0;
  sendFailures = 0;
  hang = false;
  resets = 0;

  async connect(): Promise<void> {
    if (this.unreachable > 0) {
      this.unreachable -= 1;
      throw new Error('broker unreachable');
    }
  }
  async send(events: readonly ClaimedEvent[]): Promise<void> {
    if (this.hang) return new Promise(() => undefined);
    if (this.sendFailures > 0) {
      this.sendFailures -= 1;
      throw new Error('send failed');
    }
    this.sent.push(...events);
  }
  async reset(): Promise<void> {
    this.resets += 1;
    this.hang = false;
  }
}

const options: OutboxPublisherOptions = {
  batchSize: 2,
  pollIntervalMs: 60_000,
  sendTimeoutMs: 100,
  retentionMs: 1_000,
};
const logger = createLogger({ name: 'test', level: 'silent' });

describe(OutboxPublisher.name, () => {
  let store: FakeStore;
  let sink: FakeSink;
  let publisher: OutboxPublisher;

  beforeEach(() => {
    store = new FakeStore();
    sink = new FakeSink();
    publisher = new OutboxPublisher(store, sink, logger, options);
  });

  afterEach(() => publisher.stop());

  it('drains every pending event in order, batch by batch, and marks them sent', async () => {
    store.pending = [1, 2, 3, 4, 5].map(event);
    await expect(publisher.drain()).resolves.toEqual({ sent: 5, heldBack: false });
    expect(sink.sent.map((e) => e.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(store.pending).toEqual([]);
  });

  it('reports each batch published, and nothing for one that failed', async () => {
    const published: number[] = [];
    publisher = new OutboxPublisher(store, sink, logger, {
      ...options,
      onPublished: (count) => published.push(count),
    });
    store.pending = [1, 2, 3].map(event);
    sink.sendFailures = 1;
    await expect(publisher.drain()).rejects.toThrow('send failed');
    await publisher.drain();
    expect(published).toEqual([2, 1]);
  });

  it('leaves a batch pending when the send fails', async () => {
    store.pending = [event(1)];
    sink.sendFailures = 1;
    await expect(publisher.drain()).rejects.toThrow('send failed');
    expect(store.released).toBe(1);
    expect(store.pending).toHaveLength(1);
  });

  it('gives up on a send that never answers, replaces the producer and keeps the batch pending', async () => {
    store.pending = [event(1)];
    sink.hang = true;
    await expect(publisher.drain()).rejects.toBeInstanceOf(SendTimeoutError);
    expect(sink.resets).toBe(1);
    expect(store.released).toBe(1);
    expect(store.pending).toHaveLength(1);
  });

  it('retries after failures until the events are out', async () => {
    store.pending = [event(1), event(2)];
    sink.unreachable = 1;
    sink.sendFailures = 1;
    publisher.start();
    await waitFor('both events sent', () => (sink.sent.length === 2 ? true : undefined), {
      timeoutMs: 5_000,
    });
    expect(store.pending).toEqual([]);
  });

  it('wakes at once when told to, without waiting for the poll', async () => {
    publisher.start();
    await waitFor('the first, empty round', () => (store.claims > 0 ? true : undefined));
    store.pending = [event(7)];
    publisher.wake();
    // The poll interval is a minute: only the wake-up can send it within the wait.
    await waitFor('the woken round', () => (sink.sent.length === 1 ? true : undefined), {
      timeoutMs: 2_000,
    });
  });

  it('does not wait for a hung send to stop', async () => {
    store.pending = [event(1)];
    sink.hang = true;
    publisher = new OutboxPublisher(store, sink, logger, {
      ...options,
      sendTimeoutMs: 600_000,
      stopGraceMs: 200,
    });
    publisher.start();
    await waitFor('the send to start', () => (store.claims > 0 ? true : undefined));
    const started = Date.now();
    await publisher.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('stops promptly while idle', async () => {
    publisher.start();
    await waitFor('the first round', () => (store.claims > 0 ? true : undefined));
    const started = Date.now();
    await publisher.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
