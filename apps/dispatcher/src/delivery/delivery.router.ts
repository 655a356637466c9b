import { KafkaHeaders, retryTopics, Topics, type DeliveryMessage } from '@leadhooks/contracts';
import { Injectable } from '@nestjs/common';
import { destinationKey } from '../fanout/delivery-id';
import { KafkaConnection } from '../kafka/kafka.providers';
import { SendCoalescer } from './send-coalescer';

/** The partition key of a delivery: its endpoint, so one endpoint's deliveries stay in order. */
export function endpointKey(message: DeliveryMessage): string {
  return message.destination.kind === 'webhook'
    ? destinationKey.webhook(message.destination.webhookId)
    : destinationKey.url(message.destination.url);
}

function recordHeaders(message: DeliveryMessage): Record<string, string> {
  return {
    [KafkaHeaders.eventType]: message.eventType,
    [KafkaHeaders.eventId]: message.eventId,
    [KafkaHeaders.accountId]: message.accountId,
  };
}

/** Puts deliveries on their topics; every send resolves once all in-sync replicas have it. */
@Injectable()
export class DeliveryRouter {
  /** Fan-out of concurrent events shares produce requests. */
  private readonly deliveries = new SendCoalescer<DeliveryMessage>(async (messages) => {
    await this.kafka.producer.send(
      Topics.deliveries,
      messages.map((value) => ({ key: endpointKey(value), value, headers: recordHeaders(value) })),
    );
  });

  constructor(private readonly kafka: KafkaConnection) {}

  toDeliveries(messages: readonly DeliveryMessage[]): Promise<void> {
    return this.deliveries.send(messages);
  }

  /** The next rung of the ladder: `attemptsMade` already counts the attempt that failed. */
  async toRetry(message: DeliveryMessage, topicIndex: number, notBefore: Date): Promise<void> {
    const topic = retryTopics[topicIndex];
    if (topic === undefined) throw new RangeError(`no retry topic ${topicIndex}`);
    const value: DeliveryMessage = { ...message, notBefore: notBefore.toISOString() };
    await this.kafka.producer.send(topic, [
      { key: endpointKey(value), value, headers: recordHeaders(value) },
    ]);
  }

  async toDeadLetters(message: DeliveryMessage, reason: string, at: Date): Promise<void> {
    const value = { ...message, deadLetteredAt: at.toISOString(), reason: reason.slice(0, 2000) };
    await this.kafka.producer.send(Topics.deliveriesDlq, [
      { key: endpointKey(message), value, headers: recordHeaders(message) },
    ]);
  }
}

/** A message as a first attempt sees it: due now (dead letters and replays carry no schedule). */
export function withoutSchedule(message: DeliveryMessage): DeliveryMessage {
  const copy = { ...message };
  delete copy.notBefore;
  return copy;
}
