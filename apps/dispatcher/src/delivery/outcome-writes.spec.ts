import pino from 'pino';
import { OutcomeWrites, WriteAbandoned, writeRetryDelayMs } from './outcome-writes';

describe(writeRetryDelayMs.name, () => {
  it.each([
    [1, 0, 50],
    [1, 1, 100],
    [2, 1, 200],
    [7, 1, 5_000],
    [1_000, 0.5, 3_750],
  ])('after %p failures with random %p: %p ms', (failures, random, ms) => {
    expect(writeRetryDelayMs(failures, undefined, () => random)).toBe(ms);
  });
});

describe(OutcomeWrites.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('retries only the write until it lands, waiting between tries', async () => {
    const writes = new OutcomeWrites(pino({ level: 'silent' }));
    let tries = 0;
    const write = jest.fn(async () => {
      tries += 1;
      if (tries < 4) throw new Error('connection refused');
    });
    const done = writes.durably('attempt log row', {}, write);
    await jest.advanceTimersByTimeAsync(0);
    expect(write).toHaveBeenCalledTimes(1);
    // No tight loop: nothing is tried again before the backoff's lower bound (50 ms).
    await jest.advanceTimersByTimeAsync(49);
    expect(write).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(done).resolves.toBeUndefined();
    expect(write).toHaveBeenCalledTimes(4);
  });

  it('gives up once stopping, so shutdown is not held by a dependency that is down', async () => {
    const writes = new OutcomeWrites(pino({ level: 'silent' }));
    const write = jest.fn(async () => {
      throw new Error('connection refused');
    });
    const done = writes.durably('retry record', {}, write);
    const outcome = expect(done).rejects.toBeInstanceOf(WriteAbandoned);
    await jest.advanceTimersByTimeAsync(1_000);
    writes.stop();
    await jest.advanceTimersByTimeAsync(0);
    await outcome;
  });
});
