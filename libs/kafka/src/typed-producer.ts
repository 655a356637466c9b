import type { TopicName } from '@leadhooks/contracts';
import type { Kafka, Message, Producer, ProducerConfig } from 'kafkajs';
import type { OutgoingMessage } from './consumed-message';
import { chunkByBytes, maxProduceBytes } from './chunk-by-bytes';
import { encodeMessages, type EncodedMessage } from './message-codec';
import type { Naming } from './topic-names';
import { lostProducerState } from './producer-state';
import { acknowledgedPartitions, pinningPartitioner } from './send-acknowledgement';

/** Where one partition's share of a `send` landed. */
export interface SentRecords {
  topic: TopicName;
  partition: number;
  /** Offset of the first record written to this partition, int64 as a string. */
  baseOffset: string;
}

export interface TypedProducer {
  connect(): Promise<void>;
  /**
   * Validates every value with its topic's schema (throws InvalidOutgoingMessageError and
   * sends nothing if one fails), then writes them, acknowledged by all in-sync replicas,
   * in produce requests of at most `maxProduceBytes` one after another. If one fails, the
   * ones before it stay written: a caller that sends again writes those twice (consumers
   * drop duplicates by their ids). Resolves only once every partition the records were
   * routed to has answered with an offset and no error; otherwise throws
   * IncompleteSendError, and the caller sends again.
   */
  send<T extends TopicName>(
    topic: T,
    messages: readonly OutgoingMessage<T>[],
  ): Promise<SentRecords[]>;
  disconnect(): Promise<void>;
}

// acks = -1: the leader answers once every in-sync replica has the records, so an
// acknowledged send survives the loss of the leader (with min.insync.replicas >= 2).
const acksAll = -1;

const producerConfig: ProducerConfig = {
  // The broker deduplicates resends by producer id and sequence number, so a retry after
  // a lost acknowledgement writes nothing twice. kafkajs retries a send as the client's
  // `clientRetry` says (kafka.config.ts: ~1 s apart, failing after ~9.5 s); the caller
  // retries after that.
  idempotent: true,
  // At most one request in flight per connection. kafkajs numbers the records of each
  // produce request itself and takes the numbers back when the request fails, so a
  // request overtaking a failed one would be refused as out of order or, with matching
  // numbers, acknowledged as a duplicate and lost. kafkajs already sends one produce per
  // broker at a time when idempotent; this states the rule instead of relying on that.
  // (The Java client allows 5 because it re-sequences on retry.)
  maxInFlightRequests: 1,
  // Topics are provisioned with their partitions and config; an auto-created topic
  // would silently get the broker's defaults instead.
  allowAutoTopicCreation: false,
  // Java's murmur2 partitioner (kafkajs's v2 default): a key lands on the same partition
  // whichever client wrote it. It writes its choice onto each record, so that the
  // result of a send can be checked against where its records went.
  createPartitioner: pinningPartitioner,
};

export class KafkaTypedProducer implements TypedProducer {
  private producer: Producer;
  /** Set when the broker refused the producer's state: the next send starts a new one. */
  private stale = false;
  /** Tail of the queue of sends: each waits for the one before it (see `send`). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly kafka: Kafka,
    private readonly naming: Naming,
    private readonly onDisconnected: () => void = () => undefined,
  ) {
    this.producer = kafka.producer(producerConfig);
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  /**
   * Sends of one producer run one at a time, in call order. A failed request gives its
   * sequence numbers back before kafkajs retries it; a send started in between would take
   * them. Serializing here closes that gap and keeps records of one key in `send` order
   * through retries. Put many messages in one call for throughput.
   */
  async send<T extends TopicName>(
    topic: T,
    messages: readonly OutgoingMessage<T>[],
  ): Promise<SentRecords[]> {
    const encoded = encodeMessages(topic, messages);
    if (encoded.length === 0) return [];
    const sending = this.queue.then(() => this.sendWithFreshState(topic, encoded));
    this.queue = sending.catch(() => undefined);
    return sending;
  }

  /** `sendInChunks`, on a new kafkajs producer if the broker refused the last one's state. */
  private async sendWithFreshState(
    topic: TopicName,
    encoded: readonly EncodedMessage[],
  ): Promise<SentRecords[]> {
    if (this.stale) {
      const fresh = this.kafka.producer(producerConfig);
      try {
        await fresh.connect();
      } catch (error) {
        // The cluster is away: still stale, and the next send tries again.
        void fresh.disconnect().catch(() => undefined);
        throw error;
      }
      const replaced = this.producer;
      this.producer = fresh;
      this.stale = false;
      void replaced.disconnect().catch(() => undefined);
    }
    try {
      return await this.sendInChunks(topic, encoded);
    } catch (error) {
      // The caller sends again (it must anyway): records the broker did take are then
      // written twice, which consumers drop by their ids.
      if (lostProducerState(error)) this.stale = true;
      throw error;
    }
  }

  private async sendInChunks(
    topic: TopicName,
    encoded: readonly EncodedMessage[],
  ): Promise<SentRecords[]> {
    const sent: SentRecords[] = [];
    const physical = this.naming.topic(topic);
    for (const chunk of chunkByBytes(encoded, recordBytes, maxProduceBytes)) {
      // Records of our own for kafkajs: its partitioner writes each one's partition on them.
      const records: Message[] = chunk.map((message) => ({ ...message }));
      const result = await this.producer.send({
        topic: physical,
        messages: records,
        acks: acksAll,
      });
      // A partition's first chunk has the offset of its first record: later ones are not kept.
      for (const { partition, baseOffset } of acknowledgedPartitions(physical, records, result)) {
        if (sent.some((earlier) => earlier.partition === partition)) continue;
        sent.push({ topic, partition, baseOffset });
      }
    }
    return sent;
  }

  /** Does not wait for sends in progress: with the cluster unreachable they may never end. */
  async disconnect(): Promise<void> {
    await this.producer.disconnect();
    this.onDisconnected();
  }
}

/** A record's key and value in bytes: what counts against Kafka's batch limit. */
function recordBytes(message: EncodedMessage): number {
  return Buffer.byteLength(message.value) + Buffer.byteLength(message.key);
}
