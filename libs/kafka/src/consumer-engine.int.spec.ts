import { Topics } from '@leadhooks/contracts';
import { uniqueName, waitFor } from '@leadhooks/testing';
import type { ConsumedMessage, ConsumerOptions } from './index';
import { deliveryMessage } from './test/fixtures';
import { ClientPool, gate } from './test/harness';

jest.setTimeout(60_000);

type Delivery = ConsumedMessage<'webhooks.deliveries'>;
const pool = new ClientPool();

afterAll(() => pool.closeAll());

describe('the consumer engine (runConsumer) against a real broker', () => {
  it('lets other keys of a partition overtake a stuck key, caps each key, and commits everything once done', async () => {
    const client = pool.client(uniqueName('kafka_windowed'));
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 1, replicationFactor: 1 }]);
    const producer = client.createProducer();
    await producer.connect();
    const keys = ['slow', 'fast', 'fast', 'fast', 'slow', 'fast', 'fast', 'fast'];
    await producer.send(
      Topics.deliveries,
      keys.map((key) => ({ key, value: deliveryMessage() })),
    );

    const held = gate();
    const started: string[] = [];
    const finished: string[] = [];
    const options: ConsumerOptions<'webhooks.deliveries'> = {
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      maxInFlightPerKey: 1,
      maxInFlightPerPartition: 16,
      handle: async (message: Delivery) => {
        started.push(message.key ?? '');
        if (message.key === 'slow') await held.opened;
        finished.push(message.key ?? '');
      },
      onInvalid: async () => undefined,
    };
    const consumer = await client.runConsumer(options);

    await waitFor('the six fast records', () =>
      finished.filter((k) => k === 'fast').length === 6 ? true : undefined,
    );
    // The first slow record is stuck; the second waits for it (cap 1), the fast ones passed.
    expect(started.filter((k) => k === 'slow')).toEqual(['slow']);
    expect(finished).not.toContain('slow');

    held.open();
    await waitFor('both slow records', () =>
      finished.filter((k) => k === 'slow').length === 2 ? true : undefined,
    );
    await consumer.stop();

    // Everything was committed: a new member of the group starts after the last record.
    const later = deliveryMessage();
    await producer.send(Topics.deliveries, [{ key: 'next', value: later }]);
    const seen: string[] = [];
    const next = await client.runConsumer({
      ...options,
      handle: async (message: Delivery) => {
        seen.push(message.value.deliveryId);
      },
    });
    await waitFor('the new record', () => (seen.length >= 1 ? true : undefined));
    expect(seen).toEqual([later.deliveryId]);
    await next.stop();
  });

  it('admits each record at its due time: one due later holds neither its own key nor the records behind it', async () => {
    const client = pool.client(uniqueName('kafka_engine_due'));
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 1, replicationFactor: 1 }]);
    const producer = client.createProducer();
    await producer.connect();
    const delayMs = 1_500;
    const startedAt = Date.now();
    // The later one first, on the key of the next: a window holds it without blocking.
    const later = deliveryMessage({ notBefore: new Date(startedAt + delayMs).toISOString() });
    const now = [deliveryMessage(), deliveryMessage()];
    await producer.send(Topics.deliveries, [
      { key: 'ep', value: later },
      ...now.map((value) => ({ key: 'ep', value })),
    ]);
    const handled: { id: string; at: number }[] = [];
    const consumer = await client.runConsumer({
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      maxInFlightPerPartition: 8,
      maxInFlightPerKey: 1,
      dueAt: (message: Delivery) =>
        message.value.notBefore ? Date.parse(message.value.notBefore) : 0,
      handle: async (message: Delivery) =>
        void handled.push({ id: message.value.deliveryId, at: Date.now() }),
      onInvalid: async () => undefined,
    });
    await waitFor('all three', () => (handled.length === 3 ? true : undefined));
    expect(handled.map((h) => h.id)).toEqual([...now, later].map((value) => value.deliveryId));
    expect(handled[2].at).toBeGreaterThanOrEqual(Date.parse(later.notBefore ?? ''));
    await consumer.stop();

    // Committed only once the one due later had its outcome too: a new member sees nothing old.
    const marker = deliveryMessage();
    await producer.send(Topics.deliveries, [{ key: 'ep', value: marker }]);
    const seen: string[] = [];
    const next = await client.runConsumer({
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      handle: async (message: Delivery) => void seen.push(message.value.deliveryId),
      onInvalid: async () => undefined,
    });
    await waitFor('the marker', () => (seen.length >= 1 ? true : undefined));
    expect(seen).toEqual([marker.deliveryId]);
    await next.stop();
  });

  it('drops a record still waiting for its due time on stop, and commits nothing past it', async () => {
    const client = pool.client(uniqueName('kafka_engine_stop'));
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 1, replicationFactor: 1 }]);
    const producer = client.createProducer();
    await producer.connect();
    const waiting = deliveryMessage({ notBefore: new Date(Date.now() + 600_000).toISOString() });
    const due = deliveryMessage();
    await producer.send(Topics.deliveries, [
      { key: 'later', value: waiting },
      { key: 'now', value: due },
    ]);
    const seen: string[] = [];
    const options: ConsumerOptions<'webhooks.deliveries'> = {
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      maxInFlightPerPartition: 4,
      dueAt: (message: Delivery) =>
        message.value.notBefore ? Date.parse(message.value.notBefore) : 0,
      handle: async (message: Delivery) => void seen.push(message.value.deliveryId),
      onInvalid: async () => undefined,
    };
    const first = await client.runConsumer(options);
    await waitFor('the record due now', () => (seen.length >= 1 ? true : undefined));
    await first.stop();
    expect(seen).toEqual([due.deliveryId]);

    // The position stayed at the waiting record: both come again (at-least-once).
    const next = await client.runConsumer({ ...options, dueAt: undefined });
    await waitFor('both, again', () => (seen.length >= 3 ? true : undefined));
    expect(seen).toEqual([due.deliveryId, waiting.deliveryId, due.deliveryId]);
    await next.stop();
  });

  it("keeps fetching other partitions while one partition's window is full", async () => {
    const client = pool.client(uniqueName('kafka_engine_pause'));
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 2, replicationFactor: 1 }]);
    const raw = await pool.rawProducer();
    const topic = client.physicalTopic(Topics.deliveries);
    const sendTo = async (partition: number, value: ReturnType<typeof deliveryMessage>) => {
      await raw.send({ topic, messages: [{ partition, key: 'k', value: JSON.stringify(value) }] });
      return value.deliveryId;
    };
    const held = gate();
    const handled: string[] = [];
    const stuck = await sendTo(0, deliveryMessage());
    const behind = await sendTo(0, deliveryMessage());
    const consumer = await client.runConsumer({
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      handle: async (message: Delivery) => {
        if (message.value.deliveryId === stuck) await held.opened;
        handled.push(message.value.deliveryId);
      },
      onInvalid: async () => undefined,
    });
    // Partition 0's window (1) is full with the stuck record; partition 1 gets a record now.
    const other = await sendTo(1, deliveryMessage());
    await waitFor('the other partition', () => (handled.includes(other) ? true : undefined));
    expect(handled).toEqual([other]);
    held.open();
    await waitFor('partition 0', () => (handled.length === 3 ? true : undefined));
    expect(handled).toEqual([other, stuck, behind]);
    await consumer.stop();
  });
});
