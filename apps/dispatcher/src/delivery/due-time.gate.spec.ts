import type { RunningConsumer } from '@leadhooks/kafka';
import { DueTimeGate } from './due-time.gate';

type RetryTopic = 'webhooks.deliveries.retry.1';

function fakeConsumer() {
  const calls: string[] = [];
  const consumer: RunningConsumer<RetryTopic> = {
    groupId: 'g',
    pause: (topic, partitions) => void calls.push(`pause ${topic} ${partitions?.join()}`),
    resume: (topic, partitions) => void calls.push(`resume ${topic} ${partitions?.join()}`),
    seek: (topic, partition, offset) => void calls.push(`seek ${topic} ${partition} ${offset}`),
    stop: async () => undefined,
  };
  return { consumer, calls };
}

describe(DueTimeGate.name, () => {
  const record = { topic: 'webhooks.deliveries.retry.1' as const, partition: 2, offset: '41' };

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('admits a record that is due or has no schedule', () => {
    const { consumer, calls } = fakeConsumer();
    const gate = new DueTimeGate<RetryTopic>();
    expect(gate.admit(consumer, record, undefined)).toBe(true);
    expect(gate.admit(consumer, record, new Date(1_000).toISOString(), 1_000)).toBe(true);
    expect(calls).toEqual([]);
  });

  it('holds the partition (pause, seek back to the record) and resumes it when due', () => {
    const { consumer, calls } = fakeConsumer();
    const gate = new DueTimeGate<RetryTopic>();
    const now = Date.now();
    expect(gate.admit(consumer, record, new Date(now + 500).toISOString(), now)).toBe(false);
    expect(calls).toEqual([
      'pause webhooks.deliveries.retry.1 2',
      'seek webhooks.deliveries.retry.1 2 41',
    ]);
    jest.advanceTimersByTime(499);
    expect(calls).toHaveLength(2);
    jest.advanceTimersByTime(1);
    expect(calls[2]).toBe('resume webhooks.deliveries.retry.1 2');
  });

  it('drops its timers on close', () => {
    const { consumer, calls } = fakeConsumer();
    const gate = new DueTimeGate<RetryTopic>();
    gate.admit(consumer, record, new Date(Date.now() + 500).toISOString());
    gate.close();
    jest.advanceTimersByTime(1_000);
    expect(calls.filter((call) => call.startsWith('resume'))).toEqual([]);
  });
});
