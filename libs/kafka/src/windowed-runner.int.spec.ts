import { Topics } from '@leadhooks/contracts';
import { uniqueName, waitFor } from '@leadhooks/testing';
import type { ConsumedMessage, WindowedConsumerOptions } from './index';
import { deliveryMessage } from './test/fixtures';
import { ClientPool, gate } from './test/harness';

jest.setTimeout(60_000);

type Delivery = ConsumedMessage<'webhooks.deliveries'>;
const pool = new ClientPool();

afterAll(() => pool.closeAll());

describe('runWindowedConsumer', () => {
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
    const options: WindowedConsumerOptions<'webhooks.deliveries'> = {
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
    const consumer = await client.runWindowedConsumer(options);

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
    const next = await client.runWindowedConsumer({
      ...options,
      handle: async (message: Delivery) => {
        seen.push(message.value.deliveryId);
      },
    });
    await waitFor('the new record', () => (seen.length >= 1 ? true : undefined));
    expect(seen).toEqual([later.deliveryId]);
    await next.stop();
  });
});
