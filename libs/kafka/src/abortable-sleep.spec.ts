import { abortableSleep } from './abortable-sleep';

describe(abortableSleep.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function track(promise: Promise<void>): { settled: () => boolean } {
    let settled = false;
    void promise.then(() => (settled = true));
    return { settled: () => settled };
  }

  it('resolves once the time has passed', async () => {
    const sleep = track(abortableSleep(1_000, new AbortController().signal));
    await jest.advanceTimersByTimeAsync(999);
    expect(sleep.settled()).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(sleep.settled()).toBe(true);
  });

  it('resolves early when the signal aborts, leaving no timer behind', async () => {
    const stop = new AbortController();
    const sleep = track(abortableSleep(60_000, stop.signal));
    await jest.advanceTimersByTimeAsync(10);
    stop.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep.settled()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('resolves at once when the signal has already aborted', async () => {
    const stop = new AbortController();
    stop.abort();
    const sleep = track(abortableSleep(60_000, stop.signal));
    await jest.advanceTimersByTimeAsync(0);
    expect(sleep.settled()).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('removes its abort listener once the time has passed', async () => {
    const stop = new AbortController();
    const removed = jest.spyOn(stop.signal, 'removeEventListener');
    const sleep = abortableSleep(5, stop.signal);
    await jest.advanceTimersByTimeAsync(5);
    await sleep;
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
  });
});
