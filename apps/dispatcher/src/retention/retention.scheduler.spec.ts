import type { Logger } from 'pino';
import type { DispatcherConfig } from '../config/dispatcher.config';
import type { DeliveryLogPurge } from './delivery-log.purge';
import { RetentionScheduler } from './retention.scheduler';

const logger = { info: jest.fn(), warn: jest.fn() } as unknown as Logger;

function scheduler(intervalMs: number, run: jest.Mock) {
  const config = {
    DELIVERY_RETENTION: 30 * 86_400_000,
    DELIVERY_BODY_RETENTION: 86_400_000,
    DELIVERY_PURGE_INTERVAL_MS: intervalMs,
  } as DispatcherConfig;
  return new RetentionScheduler({ run } as unknown as DeliveryLogPurge, config, logger);
}

describe(RetentionScheduler.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('purges once per interval, and goes on after a failed round', async () => {
    const run = jest
      .fn()
      .mockRejectedValueOnce(new Error('Postgres away'))
      .mockResolvedValue({ ran: true, deliveriesDeleted: 0, bodiesDropped: 0 });
    const subject = scheduler(60_000, run);
    subject.onApplicationBootstrap();
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    await subject.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never purges with an interval of 0', async () => {
    const run = jest.fn();
    scheduler(0, run).onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(86_400_000);
    expect(run).not.toHaveBeenCalled();
  });

  it('tells a run in progress to stop, and waits for it, when the app stops', async () => {
    let stopping: (() => boolean) | undefined;
    let finish: () => void = () => undefined;
    const run = jest.fn((_now: Date, options: { stopping: () => boolean }) => {
      stopping = options.stopping;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    const subject = scheduler(1_000, run);
    subject.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(stopping?.()).toBe(false);
    let stopped = false;
    const shutdown = subject.onApplicationShutdown().then(() => (stopped = true));
    expect(stopping?.()).toBe(true);
    await Promise.resolve();
    expect(stopped).toBe(false);
    finish();
    await shutdown;
    expect(stopped).toBe(true);
  });
});
