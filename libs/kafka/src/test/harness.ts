import { testKafkaBrokers } from '@leadhooks/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { KafkaLogEntry } from '../kafka.logger';
import { KafkaClient } from '../kafka-client';

/**
 * Clients for the integration spec, all shut down by `closeAll()` in afterAll. Their
 * errors go straight to stderr (not through jest's console, which adds a stack per line).
 */
export class ClientPool {
  private readonly clients: KafkaClient[] = [];
  private readonly rawProducers: Producer[] = [];

  client(namespace: string, brokers = testKafkaBrokers()): KafkaClient {
    const client = new KafkaClient({
      brokers,
      clientId: 'kafka-int-spec',
      namespace,
      logLevel: 'error',
      logger: (entry: KafkaLogEntry) => process.stderr.write(`${JSON.stringify(entry)}\n`),
    });
    this.clients.push(client);
    return client;
  }

  /** A plain kafkajs producer, to write what our typed producer refuses to (bad records). */
  async rawProducer(): Promise<Producer> {
    const kafka = new Kafka({
      clientId: 'kafka-int-spec-raw',
      brokers: testKafkaBrokers(),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    this.rawProducers.push(producer);
    await producer.connect();
    return producer;
  }

  async closeAll(): Promise<void> {
    await Promise.all([
      ...this.clients.map((client) => client.shutdown()),
      ...this.rawProducers.map((producer) => producer.disconnect()),
    ]);
  }
}

/** A promise to resolve from outside: holds a handler mid-record until the test lets it go. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
