import { Topics } from '@leadhooks/contracts';
import { testKafkaBrokers, uniqueName, waitFor } from '@leadhooks/testing';
import { KafkaClient } from './index';
import { deliveryMessage } from './test/fixtures';
import { ClientPool, gate } from './test/harness';

jest.setTimeout(60_000);

const pool = new ClientPool();
afterAll(() => pool.closeAll());

describe(`${KafkaClient.name}.consumerLag against a real broker`, () => {
  it('reports what a group has not committed yet, per partition, and zero once it caught up', async () => {
    const client = pool.client(uniqueName('kafka_lag'));
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 2, replicationFactor: 1 }]);
    expect(await client.consumerLag()).toEqual([]); // no consumer runs yet

    const producer = client.createProducer();
    await producer.connect();
    await producer.send(
      Topics.deliveries,
      Array.from({ length: 6 }, (_, i) => ({ key: `endpoint-${i}`, value: deliveryMessage() })),
    );

    const held = gate();
    let handled = 0;
    await client.runConsumer({
      groupId: 'lagging',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      handle: async () => {
        await held.opened;
        handled += 1;
      },
      onInvalid: async () => undefined,
    });

    // The first record is held: nothing is committed, everything sent is lag.
    const lagging = await client.consumerLag();
    expect(lagging.map((entry) => [entry.group, entry.topic, entry.partition]).sort()).toEqual([
      ['lagging', Topics.deliveries, 0],
      ['lagging', Topics.deliveries, 1],
    ]);
    expect(lagging.reduce((sum, entry) => sum + entry.lag, 0)).toBe(6);

    held.open();
    await waitFor('the group to catch up', async () => {
      const lag = await client.consumerLag();
      return handled === 6 && lag.length === 2 && lag.every((entry) => entry.lag === 0)
        ? lag
        : undefined;
    });
  });

  it('gives up within its bound when no broker answers', async () => {
    const client = pool.client(uniqueName('kafka_lag_down'), testKafkaBrokers());
    await client.ensureTopics([{ topic: Topics.deliveries, partitions: 1, replicationFactor: 1 }]);
    await client.runConsumer({
      groupId: 'lagging',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      handle: async () => undefined,
      onInvalid: async () => undefined,
    });
    const started = Date.now();
    // A deadline shorter than any broker round trip stands in for a broker that is down.
    await expect(client.consumerLag(0)).rejects.toThrow('no answer within 0 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
