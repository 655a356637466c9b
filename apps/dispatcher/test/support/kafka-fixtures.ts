import { randomUUID } from 'node:crypto';
import {
  Topics,
  type LeadData,
  type LookupCompleted,
  type SaveLeadEvent,
  type TopicName,
  type TopicPayloads,
} from '@leadhooks/contracts';
import {
  KafkaClient,
  platformTopicSpecs,
  type PlatformTopicOptions,
  type RunningConsumer,
  type TypedProducer,
} from '@leadhooks/kafka';
import { fullLead, uniqueName } from '@leadhooks/testing';

/** A lead with every seed field set but `notes`: a null must reach the receiver as null. */
export function leadData(email: string): LeadData {
  return fullLead(email, { notes: null });
}

export function saveLeadEvent(accountId: string, email: string): SaveLeadEvent {
  return {
    eventId: randomUUID(),
    type: 'save_lead',
    accountId,
    occurredAt: new Date().toISOString(),
    aggregateId: randomUUID(),
    aggregateVersion: 1,
    payload: { data: leadData(email) },
  };
}

export function lookupCompleted(accountId: string, webhookUrl: string): LookupCompleted {
  return {
    requestId: randomUUID(),
    accountId,
    endpoint: 'email-verifier',
    webhookUrl,
    occurredAt: new Date().toISOString(),
    body: {
      data: { email: 'ada@example.test', status: 'valid', score: 97 },
      meta: { params: { email: 'ada@example.test' } },
    },
  };
}

/** What the other services would publish, in the test's namespace. */
export class UpstreamEvents {
  private constructor(
    readonly kafka: KafkaClient,
    private readonly producer: TypedProducer,
  ) {}

  /** Provisions the namespace's topics first (`busyPartitions: 1` puts every delivery in one partition). */
  static async start(
    brokers: string[],
    namespace: string,
    topics: PlatformTopicOptions = {},
  ): Promise<UpstreamEvents> {
    const kafka = new KafkaClient({
      brokers,
      clientId: 'dispatcher-e2e',
      namespace,
      logLevel: 'nothing',
    });
    await kafka.ensureTopics(platformTopicSpecs(topics));
    const producer = kafka.createProducer();
    await producer.connect();
    return new UpstreamEvents(kafka, producer);
  }

  async saveLead(...events: SaveLeadEvent[]): Promise<void> {
    await this.producer.send(
      Topics.saveLead,
      events.map((value) => ({ key: value.aggregateId, value })),
    );
  }

  async lookup(event: LookupCompleted): Promise<void> {
    await this.producer.send(Topics.lookupsCompleted, [{ key: event.requestId, value: event }]);
  }

  /** Collects a topic from the beginning (webhooks.deliveries.dlq: the dead letters). */
  async collect<T extends TopicName>(
    topic: T,
  ): Promise<{ messages: TopicPayloads[T][]; consumer: RunningConsumer }> {
    const messages: TopicPayloads[T][] = [];
    const consumer = await this.kafka.runConsumer<T>({
      groupId: uniqueName(`${topic}-collector`),
      topics: [topic],
      startFrom: 'earliest',
      handle: async (message) => {
        messages.push(message.value as TopicPayloads[T]);
      },
      onInvalid: async () => undefined,
    });
    return { messages, consumer };
  }

  close(): Promise<void> {
    return this.kafka.shutdown();
  }
}
