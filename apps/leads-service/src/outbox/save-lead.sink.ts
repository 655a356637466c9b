import { KafkaHeaders, Topics } from '@leadhooks/contracts';
import { platformTopicSpecs, type KafkaClient, type TypedProducer } from '@leadhooks/kafka';
import type { ClaimedEvent } from './outbox.store';

/** Where the publisher sends events; Kafka in production, a fake in unit specs. */
export interface EventSink {
  /** Ready to send (topic provisioned, producer connected); throws while Kafka is unreachable. */
  connect(): Promise<void>;
  /** Resolves once every event is acknowledged, in the given order per lead. */
  send(events: readonly ClaimedEvent[]): Promise<void>;
  /** Drops the producer (after a send that never answered); the next connect makes a new one. */
  reset(): Promise<void>;
}

/** save_lead events on `leads.save_lead`, keyed by lead id so one lead stays on one partition. */
export class KafkaSaveLeadSink implements EventSink {
  private producer: Promise<TypedProducer> | undefined;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly ensureTopic: boolean,
  ) {}

  connect(): Promise<void> {
    return this.connected().then(() => undefined);
  }

  /** One send: the producer splits it into produce requests Kafka accepts, in order. */
  async send(events: readonly ClaimedEvent[]): Promise<void> {
    const producer = await this.connected();
    await producer.send(
      Topics.saveLead,
      events.map(({ event, requestId }) => ({
        key: event.aggregateId,
        value: event,
        headers: {
          [KafkaHeaders.eventType]: event.type,
          [KafkaHeaders.eventId]: event.eventId,
          [KafkaHeaders.accountId]: event.accountId,
          ...(requestId === null ? {} : { [KafkaHeaders.requestId]: requestId }),
        },
      })),
    );
  }

  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.then((p) => p.disconnect()).catch(() => undefined);
  }

  private connected(): Promise<TypedProducer> {
    this.producer ??= this.open().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private async open(): Promise<TypedProducer> {
    if (this.ensureTopic) {
      await this.kafka.ensureTopics(
        platformTopicSpecs().filter((spec) => spec.topic === Topics.saveLead),
      );
    }
    const producer = this.kafka.createProducer();
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return producer;
  }
}
