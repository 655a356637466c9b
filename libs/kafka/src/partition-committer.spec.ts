import { PartitionCommitter } from './partition-committer';

/** A broker stand-in whose commits end only when the spec says so. */
function fakeBroker() {
  const sent: string[] = [];
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const send = (position: string) => {
    sent.push(position);
    return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
  };
  const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));
  return { sent, pending, send, flushMicrotasks };
}

describe(PartitionCommitter.name, () => {
  it('keeps one commit in flight and folds the rest into the next', async () => {
    const broker = fakeBroker();
    const committer = new PartitionCommitter(broker.send, () => undefined, 0);
    committer.request('1');
    await broker.flushMicrotasks();
    committer.request('2');
    committer.request('3');
    await broker.flushMicrotasks();
    expect(broker.sent).toEqual(['1']);
    broker.pending[0].resolve();
    await broker.flushMicrotasks();
    expect(broker.sent).toEqual(['1', '3']);
    broker.pending[1].resolve();
    await committer.drain();
    expect(broker.sent).toEqual(['1', '3']);
  });

  it('reports a refused commit and retries it once when drained', async () => {
    const broker = fakeBroker();
    const errors: string[] = [];
    const committer = new PartitionCommitter(broker.send, (position) => errors.push(position), 0);
    committer.request('4');
    await broker.flushMicrotasks();
    broker.pending[0].reject(new Error('rebalance in progress'));
    await broker.flushMicrotasks();
    expect(errors).toEqual(['4']);
    const drained = committer.drain();
    await broker.flushMicrotasks();
    expect(broker.sent).toEqual(['4', '4']);
    broker.pending[1].resolve();
    await drained;
  });

  it('drain waits for the commit in flight and what was folded behind it', async () => {
    const broker = fakeBroker();
    const committer = new PartitionCommitter(broker.send, () => undefined, 0);
    committer.request('1');
    await broker.flushMicrotasks();
    committer.request('2');
    let drained = false;
    const draining = committer.drain().then(() => (drained = true));
    broker.pending[0].resolve();
    await broker.flushMicrotasks();
    expect(drained).toBe(false);
    broker.pending[1].resolve();
    await draining;
    expect(broker.sent).toEqual(['1', '2']);
  });

  it('treats a send that throws synchronously as a refusal', async () => {
    const errors: string[] = [];
    const committer = new PartitionCommitter(
      () => {
        throw new Error('closed');
      },
      (position) => errors.push(position),
      0,
    );
    committer.request('1');
    await committer.drain();
    expect(errors).toEqual(['1', '1']);
  });

  it('sends at most one commit per interval, carrying the highest position asked for', async () => {
    jest.useFakeTimers({ now: 1_000, doNotFake: ['setImmediate'] });
    try {
      const broker = fakeBroker();
      const committer = new PartitionCommitter(broker.send, () => undefined, 200);
      committer.request('1');
      await broker.flushMicrotasks();
      broker.pending[0].resolve();
      committer.request('2');
      committer.request('5');
      committer.request('3');
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['1']);
      jest.advanceTimersByTime(199);
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['1']);
      jest.advanceTimersByTime(1);
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['1', '5']);
      broker.pending[1].resolve();
      await committer.drain();
    } finally {
      jest.useRealTimers();
    }
  });

  it('drain sends what the interval holds back at once', async () => {
    const broker = fakeBroker();
    const committer = new PartitionCommitter(broker.send, () => undefined, 60_000);
    committer.request('1');
    committer.request('2');
    await broker.flushMicrotasks();
    expect(broker.sent).toEqual(['1']);
    broker.pending[0].resolve();
    const drained = committer.drain();
    await broker.flushMicrotasks();
    expect(broker.sent).toEqual(['1', '2']);
    broker.pending[1].resolve();
    await drained;
  });

  describe('after a refused commit (a broker lost, its coordinator moving)', () => {
    const backoff = { initialMs: 100, maxMs: 300 };
    beforeEach(() => jest.useFakeTimers({ now: 1_000, doNotFake: ['setImmediate'] }));
    afterEach(() => jest.useRealTimers());

    it('tries again by itself, backing off up to the cap, until the commit lands', async () => {
      const broker = fakeBroker();
      const errors: string[] = [];
      const committer = new PartitionCommitter(broker.send, (p) => errors.push(p), 0, backoff);
      committer.request('7');
      await broker.flushMicrotasks();
      // Tries at +0, then 100, 200, 300, 300 ms after each refusal: doubling, capped.
      for (const waitMs of [100, 200, 300, 300]) {
        broker.pending[broker.pending.length - 1].reject(new Error('Broker 1 not found'));
        await broker.flushMicrotasks();
        const tries = broker.sent.length;
        jest.advanceTimersByTime(waitMs - 1);
        await broker.flushMicrotasks();
        expect(broker.sent).toHaveLength(tries);
        jest.advanceTimersByTime(1);
        await broker.flushMicrotasks();
        expect(broker.sent).toHaveLength(tries + 1);
      }
      broker.pending[broker.pending.length - 1].resolve();
      await broker.flushMicrotasks();
      jest.advanceTimersByTime(10_000);
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['7', '7', '7', '7', '7']);
      expect(errors).toHaveLength(4);
    });

    it('carries what finished meanwhile on the retry', async () => {
      const broker = fakeBroker();
      const committer = new PartitionCommitter(broker.send, () => undefined, 0, backoff);
      committer.request('7');
      await broker.flushMicrotasks();
      broker.pending[0].reject(new Error('NOT_COORDINATOR'));
      await broker.flushMicrotasks();
      // A record finishing during the backoff sends at once: no reason to wait longer.
      committer.request('9');
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['7', '9']);
      broker.pending[1].reject(new Error('NOT_COORDINATOR'));
      await broker.flushMicrotasks();
      jest.advanceTimersByTime(200);
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['7', '9', '9']);
      broker.pending[2].resolve();
      await committer.drain();
    });

    it('stops trying by itself once drained (the partition is handed back)', async () => {
      const broker = fakeBroker();
      const committer = new PartitionCommitter(broker.send, () => undefined, 0, backoff);
      committer.request('7');
      await broker.flushMicrotasks();
      broker.pending[0].reject(new Error('rebalance in progress'));
      await broker.flushMicrotasks();
      const drained = committer.drain();
      await broker.flushMicrotasks();
      broker.pending[1].reject(new Error('rebalance in progress'));
      await drained;
      jest.advanceTimersByTime(60_000);
      await broker.flushMicrotasks();
      expect(broker.sent).toEqual(['7', '7']);
    });
  });
});
