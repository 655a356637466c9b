import {
  KafkaHeaders,
  Topics,
  type LookupCompleted,
  type LookupEndpoint,
} from '@leadhooks/contracts';
import { ApiException, ErrorCodes } from '@leadhooks/http';
import type { TypedProducer } from '@leadhooks/kafka';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { KafkaConnection } from '../kafka/kafka.providers';

/**
 * Puts a finished lookup on lookups.completed for the dispatcher, keyed by request id.
 * The request waits for Kafka's acknowledgement (milliseconds), never for the delivery:
 * an acknowledged record is what makes "nothing silently dropped" true (docs/decisions/021).
 */
export class LookupCompletedPublisher implements OnApplicationBootstrap {
  private producer: Promise<TypedProducer> | undefined;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly timeoutMs: number,
    /** Told of each record Kafka acknowledged (metrics). */
    private readonly onPublished: (endpoint: LookupEndpoint) => void = () => undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connected();
  }

  async publish(message: LookupCompleted): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.timeoutMs);
    });
    try {
      const producer = await Promise.race([this.connected(), timeout]);
      const sending = producer.send(Topics.lookupsCompleted, [
        {
          key: message.requestId,
          value: message,
          headers: {
            [KafkaHeaders.accountId]: message.accountId,
            [KafkaHeaders.requestId]: message.requestId,
          },
        },
      ]);
      await Promise.race([sending, timeout]);
      this.onPublished(message.endpoint);
    } catch {
      throw new ApiException(
        503,
        ErrorCodes.unavailable,
        'The lookup succeeded but its webhook could not be queued; nothing will be sent to webhook_url. Try again.',
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private connected(): Promise<TypedProducer> {
    this.producer ??= this.open().catch((error: unknown) => {
      this.producer = undefined;
      throw error;
    });
    return this.producer;
  }

  private async open(): Promise<TypedProducer> {
    await this.kafka.topics();
    const producer = this.kafka.client.createProducer();
    try {
      await producer.connect();
    } catch (error) {
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    return producer;
  }
}
