import { Topics } from '@leadhooks/contracts';
import type {
  ICustomPartitioner,
  Kafka,
  Message,
  PartitionMetadata,
  ProducerConfig,
  ProducerRecord,
  RecordMetadata,
} from 'kafkajs';
import { KafkaJSProtocolError } from 'kafkajs';
import { IncompleteSendError } from './kafka.errors';
import { deliveryMessage } from './test/fixtures';
import { createNaming } from './topic-names';
import { KafkaTypedProducer } from './typed-producer';

const partitionCount = 6;
const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitionCount }, (_, id) => ({
  partitionErrorCode: 0,
  partitionId: id,
  leader: 1 + (id % 3),
  replicas: [1, 2, 3],
  isr: [1, 2, 3],
}));

/**
 * kafkajs's producer as far as the typed producer uses it: `send` routes each record with
 * the partitioner the producer was configured with (as kafkajs does), then answers with
 * what `answer` makes of the partitions it routed to.
 */
function fakeKafka(answer: (topic: string, partitions: number[]) => RecordMetadata[]): {
  kafka: Kafka;
  sent: Message[][];
} {
  const sent: Message[][] = [];
  const producer = (config: ProducerConfig) => {
    const route = (config.createPartitioner as ICustomPartitioner)();
    return {
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
      send: (record: ProducerRecord) => {
        const partitions = new Set<number>();
        for (const message of record.messages) {
          // kafkajs routes again on every retry of a send: the route must not change.
          const first = route({ topic: record.topic, partitionMetadata, message });
          expect(route({ topic: record.topic, partitionMetadata, message })).toBe(first);
          partitions.add(first);
        }
        sent.push(record.messages);
        return Promise.resolve(answer(record.topic, [...partitions]));
      },
    };
  };
  return { kafka: { producer } as unknown as Kafka, sent };
}

const ok = (topicName: string, partition: number): RecordMetadata => ({
  topicName,
  partition,
  errorCode: 0,
  baseOffset: String(100 + partition),
  logAppendTime: '-1',
  logStartOffset: '0',
});

/** An error as kafkajs raises a broker's answer (type and code from its protocol table). */
const protocolError = (type: string, code: number, message: string) =>
  new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable: false }));

/** Enough distinct keys to land on more than one partition. */
const messages = ['ep-a', 'ep-b', 'ep-c', 'ep-d', 'ep-e', 'ep-f'].map((key) => ({
  key,
  value: deliveryMessage(),
}));

describe(KafkaTypedProducer.name, () => {
  it('resolves when every partition the records went to answered with an offset', async () => {
    const { kafka, sent } = fakeKafka((topic, partitions) => partitions.map((p) => ok(topic, p)));
    const producer = new KafkaTypedProducer(kafka, createNaming('ns'));

    const result = await producer.send(Topics.deliveries, messages);

    const routed = new Set(sent.flat().map((record) => record.partition));
    expect(routed.size).toBeGreaterThan(1);
    expect(result.map((entry) => entry.partition).sort()).toEqual([...routed].sort());
    for (const entry of result) expect(entry.baseOffset).toBe(String(100 + entry.partition));
  });

  it('fails the send, naming the partition, when the result lacks one (kafkajs#1303)', async () => {
    let dropped = -1;
    const { kafka } = fakeKafka((topic, partitions) => {
      dropped = partitions[partitions.length - 1] as number;
      return partitions.slice(0, -1).map((p) => ok(topic, p));
    });
    const producer = new KafkaTypedProducer(kafka, createNaming('ns'));

    const sending = producer.send(Topics.deliveries, messages);

    await expect(sending).rejects.toThrow(IncompleteSendError);
    await expect(sending).rejects.toThrow(`partition(s) ${dropped} (no answer)`);
  });

  it.each([
    ['an error code', { errorCode: 6 }, 'error code 6'],
    ['no offset', { baseOffset: undefined }, 'no offset'],
    ['offset -1', { baseOffset: '-1' }, 'no offset (-1)'],
  ])('fails the send when a partition answered with %s', async (_name, change, problem) => {
    const { kafka } = fakeKafka((topic, partitions) =>
      partitions.map((p, index) => (index === 0 ? { ...ok(topic, p), ...change } : ok(topic, p))),
    );
    const producer = new KafkaTypedProducer(kafka, createNaming(undefined));

    await expect(producer.send(Topics.deliveries, messages)).rejects.toThrow(problem);
  });

  it('does not count an answer for another topic', async () => {
    const { kafka } = fakeKafka((_topic, partitions) => partitions.map((p) => ok('other', p)));
    const producer = new KafkaTypedProducer(kafka, createNaming(undefined));

    await expect(producer.send(Topics.deliveries, messages)).rejects.toThrow(IncompleteSendError);
  });

  it('runs the next send after a failed one (the queue is not stuck)', async () => {
    let calls = 0;
    const { kafka } = fakeKafka((topic, partitions) =>
      (calls += 1) === 1 ? [] : partitions.map((p) => ok(topic, p)),
    );
    const producer = new KafkaTypedProducer(kafka, createNaming(undefined));

    await expect(producer.send(Topics.deliveries, messages)).rejects.toThrow(IncompleteSendError);
    await expect(producer.send(Topics.deliveries, messages)).resolves.not.toHaveLength(0);
  });

  it('starts a new kafkajs producer after the broker refused its sequence state, and not before', async () => {
    let calls = 0;
    const { kafka: fake } = fakeKafka((topic, partitions) => {
      calls += 1;
      if (calls === 2)
        throw protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER', 45, 'out of order sequence number');
      if (calls === 3) throw protocolError('NOT_LEADER_FOR_PARTITION', 6, 'not the leader');
      return partitions.map((p) => ok(topic, p));
    });
    let made = 0;
    const kafka = {
      producer: (config: ProducerConfig) => ((made += 1), fake.producer(config)),
    } as unknown as Kafka;
    const producer = new KafkaTypedProducer(kafka, createNaming(undefined));
    await producer.connect();

    await producer.send(Topics.deliveries, messages);
    expect(made).toBe(1);
    await expect(producer.send(Topics.deliveries, messages)).rejects.toThrow(/out of order/);
    // Another kind of failure keeps the producer it has.
    await expect(producer.send(Topics.deliveries, messages)).rejects.toThrow();
    expect(made).toBe(2);
    await expect(producer.send(Topics.deliveries, messages)).resolves.not.toHaveLength(0);
    expect(made).toBe(2);
  });
});
