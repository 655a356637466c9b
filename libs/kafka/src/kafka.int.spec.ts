import { Topics } from '@leadhooks/contracts';
import { freePort, testKafkaBrokers, uniqueName, waitFor } from '@leadhooks/testing';
import {
  InvalidOutgoingMessageError,
  platformTopicSpecs,
  type ConsumedMessage,
  type ConsumerOptions,
  type InvalidRecord,
  type KafkaClient,
} from './index';
import { brokerVersion } from './test/broker-version';
import { deliveryMessage } from './test/fixtures';
import { ClientPool, gate } from './test/harness';

// Joining a group takes a few seconds (the broker's initial rebalance delay); every wait
// inside a test is bounded by waitFor's own, shorter timeout.
jest.setTimeout(60_000);

type Delivery = ConsumedMessage<'webhooks.deliveries'>;
const pool = new ClientPool();
const allTopics = Object.values(Topics).sort();

/** A fresh namespace with its own webhooks.deliveries topic, and helpers around it. */
async function scenario(partitions = 1) {
  const client = pool.client(uniqueName('kafka_int'));
  await client.ensureTopics([{ topic: Topics.deliveries, partitions, replicationFactor: 1 }]);
  const producer = client.createProducer();
  await producer.connect();
  const send = async (keys: string[]) => {
    const messages = keys.map((key) => ({ key, value: deliveryMessage() }));
    await producer.send(Topics.deliveries, messages);
    return messages.map((message) => message.value.deliveryId);
  };
  const consume = (options: Partial<ConsumerOptions<'webhooks.deliveries'>>) =>
    client.runConsumer({
      groupId: 'group',
      topics: [Topics.deliveries],
      startFrom: 'earliest',
      handlerRetry: { initialMs: 20, maxMs: 100 },
      handle: async () => undefined,
      onInvalid: async (record) => {
        throw new Error(`unexpected invalid record ${record.offset}: ${record.detail}`);
      },
      ...options,
    });
  return { client, send, consume };
}

const ids = (messages: Delivery[]) => messages.map((message) => message.value.deliveryId);
const atLeast = (list: unknown[], count: number) => (list.length >= count ? true : undefined);

beforeAll(async () => {
  const [broker] = testKafkaBrokers();
  const { release, supportedLevel, finalizedLevel } = await brokerVersion(broker);
  const cluster = await pool.client('probe').describeCluster();
  console.log(
    `Kafka broker version: ${release} (metadata.version: supports ${supportedLevel}, ` +
      `runs ${finalizedLevel}) at ${broker}, ` +
      `cluster ${cluster.clusterId}, ${cluster.brokerCount} broker(s), controller ${cluster.controllerId}`,
  );
});

afterAll(() => pool.closeAll());

describe('KafkaClient against a real broker', () => {
  it('provisions topics idempotently, also when several instances race', async () => {
    const client = pool.client(uniqueName('kafka_int'));
    const first = await client.ensureTopics(platformTopicSpecs());
    expect([...first.created].sort()).toEqual(allTopics);
    const again = await client.ensureTopics(platformTopicSpecs());
    expect(again).toEqual({
      created: [],
      existing: platformTopicSpecs().map((spec) => spec.topic),
      grown: [],
    });

    const racing = uniqueName('kafka_int_race');
    const results = await Promise.all(
      [1, 2, 3].map(() => pool.client(racing).ensureTopics(platformTopicSpecs())),
    );
    expect(results.flatMap((result) => result.created).sort()).toEqual(allTopics); // each exactly once

    const grown = await client.ensureTopics(platformTopicSpecs({ busyPartitions: 8 }), {
      growPartitions: true,
    });
    expect([...grown.grown].sort()).toEqual([Topics.saveLead, Topics.deliveries]);
  });

  it('resumes a group right after its last committed offset', async () => {
    const { send, consume } = await scenario(3);
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `endpoint-${i % 3}`);
    const old = await send(keys(9));
    const firstRun: Delivery[] = [];
    const first = await consume({ handle: async (message) => void firstRun.push(message) });
    await waitFor('the first 9 records', () => atLeast(firstRun, 9));
    await first.stop();
    expect(ids(firstRun).sort()).toEqual([...old].sort());

    const fresh = await send(keys(6));
    const secondRun: Delivery[] = [];
    await consume({ handle: async (message) => void secondRun.push(message) });
    await waitFor('the 6 new records', () => atLeast(secondRun, 6));
    // Exactly the new ones: an old record would precede the new ones of its partition.
    expect(ids(secondRun).sort()).toEqual([...fresh].sort());
    for (const key of new Set(keys(6))) {
      const sentOrder = fresh.filter((_, i) => keys(6)[i] === key);
      expect(ids(secondRun.filter((message) => message.key === key))).toEqual(sentOrder);
    }
  });

  it('hands a record whose handler threw to the handler again, before the next one', async () => {
    const { send, consume } = await scenario();
    const attempts: Delivery[] = [];
    let failed = false;
    await consume({
      handle: async (message) => {
        attempts.push(message);
        if (!failed) {
          failed = true;
          throw new Error('transient failure');
        }
      },
    });
    const [a, b] = await send(['k', 'k']);
    await waitFor('the second record', () => atLeast(attempts, 3));
    expect(ids(attempts)).toEqual([a, a, b]);
    expect(attempts[0].offset).toBe(attempts[1].offset);
  });

  it('passes invalid records to onInvalid, commits them, and lets the next record through', async () => {
    const { client, send, consume } = await scenario();
    const raw = await pool.rawProducer();
    await raw.send({
      topic: client.physicalTopic(Topics.deliveries),
      messages: [
        { key: 'k', value: '{"not json' },
        { key: 'k', value: JSON.stringify({ ...deliveryMessage(), attemptsMade: -1 }) },
      ],
    });
    const [valid] = await send(['k']);
    const invalid: InvalidRecord[] = [];
    const handled: Delivery[] = [];
    const onInvalid = async (record: InvalidRecord<'webhooks.deliveries'>) =>
      void invalid.push(record);
    const first = await consume({
      onInvalid,
      handle: async (message) => void handled.push(message),
    });
    await waitFor('the valid record', () => atLeast(handled, 1));
    await first.stop();
    expect(invalid.map((record) => [record.offset, record.reason])).toEqual([
      ['0', 'not-json'],
      ['1', 'schema'],
    ]);
    expect(invalid[1].detail).toContain('attemptsMade');
    expect(ids(handled)).toEqual([valid]);

    const later: Delivery[] = [];
    await consume({ onInvalid, handle: async (message) => void later.push(message) });
    const [marker] = await send(['k']);
    await waitFor('the marker record', () => atLeast(later, 1));
    expect(ids(later)).toEqual([marker]);
    expect(invalid).toHaveLength(2);
  });

  it('finishes and commits the record in progress when stopped', async () => {
    const { send, consume } = await scenario();
    const held = gate();
    const started: Delivery[] = [];
    const finished: Delivery[] = [];
    const first = await consume({
      handle: async (message) => {
        started.push(message);
        await held.opened;
        finished.push(message);
      },
    });
    await send(['k']);
    await waitFor('the handler to start', () => atLeast(started, 1));
    const stopping = first.stop();
    held.open();
    await stopping;
    expect(finished).toHaveLength(1);

    const later: Delivery[] = [];
    await consume({ handle: async (message) => void later.push(message) });
    const [marker] = await send(['k']);
    await waitFor('the marker record', () => atLeast(later, 1));
    expect(ids(later)).toEqual([marker]);
  });

  it('writes one send larger than the broker takes in a batch, every record in order', async () => {
    const { client, consume } = await scenario();
    const producer = client.createProducer();
    await producer.connect();
    // 1.6 MiB in one call: one record batch of it would pass message.max.bytes (1 MiB).
    const body = JSON.stringify({ notes: 'x'.repeat(400 * 1024) });
    const messages = Array.from({ length: 4 }, () => ({
      key: 'k',
      value: deliveryMessage({ body }),
    }));
    await producer.send(Topics.deliveries, messages);

    const seen: Delivery[] = [];
    await consume({ handle: async (message) => void seen.push(message) });
    await waitFor('every record', () => atLeast(seen, 4));
    expect(ids(seen)).toEqual(messages.map((message) => message.value.deliveryId));
    expect(seen.every((message) => message.value.body === body)).toBe(true);
  }, 30_000);

  it('refuses a value that breaks its schema before sending it', async () => {
    const { client } = await scenario();
    const producer = client.createProducer();
    await producer.connect();
    const bad = { ...deliveryMessage(), attemptsMade: -1 };
    await expect(producer.send(Topics.deliveries, [{ key: 'k', value: bad }])).rejects.toThrow(
      InvalidOutgoingMessageError,
    );
  });

  it('answers ping and describeCluster, and reports an unreachable broker without hanging', async () => {
    const client: KafkaClient = pool.client(uniqueName('kafka_int'));
    await expect(client.ping()).resolves.toMatchObject({ ok: true });
    expect((await client.describeCluster()).brokerCount).toBeGreaterThanOrEqual(1);
    const dead = pool.client(uniqueName('kafka_int'), [`127.0.0.1:${await freePort()}`]);
    await expect(dead.ping(1_500)).resolves.toMatchObject({ ok: false });
  });
});
