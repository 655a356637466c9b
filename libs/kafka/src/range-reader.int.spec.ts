import { Topics } from '@leadhooks/contracts';
import { uniqueName } from '@leadhooks/testing';
import type { RangeBatch } from './index';
import { saveLeadEvent } from './test/fixtures';
import { ClientPool } from './test/harness';

jest.setTimeout(60_000);

const pool = new ClientPool();
afterAll(() => pool.closeAll());

/** A namespace whose leads.save_lead (3 partitions) holds `before`, then `inside` records. */
async function topicWith(before: number, inside: number) {
  const client = pool.client(uniqueName('range_int'));
  await client.ensureTopics([{ topic: Topics.saveLead, partitions: 3, replicationFactor: 1 }]);
  const producer = client.createProducer();
  await producer.connect();
  const send = async (count: number, label: string) => {
    const events = Array.from({ length: count }, (_, i) => ({
      ...saveLeadEvent(i + 1),
      aggregateId: `${label}-${i % 4}`,
    }));
    await producer.send(
      Topics.saveLead,
      events.map((value) => ({ key: value.aggregateId, value })),
    );
    return events;
  };
  await send(before, 'before');
  await new Promise((resolve) => setTimeout(resolve, 50));
  const since = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const expected = await send(inside, 'inside');
  const starts = await client.offsetsAtTime(Topics.saveLead, since);
  const ends = await client.offsetsAtTime(Topics.saveLead, Date.now() + 60_000);
  const ranges = starts.map(({ partition, offset }) => ({
    partition,
    start: offset,
    end: ends.find((end) => end.partition === partition)?.offset ?? offset,
  }));
  return { client, ranges, expected };
}

describe('KafkaClient.readRanges', () => {
  it('hands on exactly the records of the ranges, each partition in offset order, then ends', async () => {
    const { client, ranges, expected } = await topicWith(30, 40);
    const batches: RangeBatch<typeof Topics.saveLead>[] = [];
    const outcome = await client.readRanges({
      topic: Topics.saveLead,
      ranges,
      signal: new AbortController().signal,
      handle: async (batch) => {
        batches.push(batch);
      },
    });
    expect(outcome).toBe('done');
    const read = batches.flatMap((batch) => batch.messages);
    expect(read.map((m) => m.value.eventId).sort()).toEqual(expected.map((e) => e.eventId).sort());
    for (const key of new Set(read.map((m) => m.value.aggregateId))) {
      const versions = read.filter((m) => m.value.aggregateId === key);
      expect(versions.map((m) => m.value.aggregateVersion)).toEqual(
        expected.filter((e) => e.aggregateId === key).map((e) => e.aggregateVersion),
      );
    }
    expect(batches.reduce((sum, batch) => sum + batch.scanned, 0)).toBe(40);
  });

  it('ends at once on empty ranges, and stops when aborted', async () => {
    const { client, ranges } = await topicWith(5, 5);
    const empty = ranges.map((range) => ({ ...range, end: range.start }));
    const never = async () => {
      throw new Error('nothing to read');
    };
    const signal = new AbortController().signal;
    expect(
      await client.readRanges({ topic: Topics.saveLead, ranges: empty, signal, handle: never }),
    ).toBe('done');

    const stop = new AbortController();
    const outcome = await client.readRanges({
      topic: Topics.saveLead,
      ranges,
      signal: stop.signal,
      handle: async () => stop.abort(),
    });
    expect(outcome).toBe('stopped');
  });

  it('ends with the error its handler threw', async () => {
    const { client, ranges } = await topicWith(0, 5);
    await expect(
      client.readRanges({
        topic: Topics.saveLead,
        ranges,
        signal: new AbortController().signal,
        handle: async () => {
          throw new Error('handler failed');
        },
      }),
    ).rejects.toThrow('handler failed');
  });
});
