import {
  KafkaHeaders,
  Topics,
  type RetryTierTopic,
  type DeliveryMessage,
  type TopicName,
} from '@leadhooks/contracts';
import type { OutgoingMessage } from '@leadhooks/kafka';
import { Injectable } from '@nestjs/common';
import { destinationKey } from '../fanout/delivery-id';
import { KafkaConnection } from '../kafka/kafka.providers';
import { Batcher } from '../batching/batcher';
import { tierFor } from './retry-tiers';

/** The partition key of a delivery: its endpoint, so one endpoint's deliveries stay in order. */
export function endpointKey(message: DeliveryMessage): string {
  const destination = message.destination;
  switch (destination.kind) {
    case 'webhook':
      return destinationKey.webhook(destination.webhookId);
    case 'webhook_url':
      return destinationKey.url(destination.url);
    case 'operational':
      return destinationKey.operational(message.accountId);
  }
}

function recordHeaders(message: DeliveryMessage): Record<string, string> {
  return {
    [KafkaHeaders.eventType]: message.eventType,
    [KafkaHeaders.eventId]: message.eventId,
    [KafkaHeaders.accountId]: message.accountId,
  };
}

/** One produce request carries the records of many deliveries (decision 051). */
const produceBatching = { maxBatch: 1_000, maxInFlight: 2 };

/**
 * Puts deliveries on their topics; every send resolves once all in-sync replicas have it.
 * Concurrent sends to one topic share produce requests.
 */
@Injectable()
export class DeliveryRouter {
  /** One per topic; each is a `Batcher<readonly OutgoingMessage<T>[], void>` for its topic T. */
  private readonly batchers = new Map<TopicName, unknown>();

  constructor(private readonly kafka: KafkaConnection) {}

  toDeliveries(messages: readonly DeliveryMessage[]): Promise<void> {
    return this.produce(
      Topics.deliveries,
      messages.map((value) => ({ key: endpointKey(value), value, headers: recordHeaders(value) })),
    );
  }

  /**
   * The next attempt, due at `notBefore`, into the retry tier that fits its wait (decision
   * 061); resolves with that tier. `attemptsMade` already counts the attempt that failed.
   */
  async toRetry(
    message: DeliveryMessage,
    notBefore: Date,
    nowMs = Date.now(),
  ): Promise<RetryTierTopic> {
    const value: DeliveryMessage = { ...message, notBefore: notBefore.toISOString() };
    const tier = tierFor(notBefore.getTime() - nowMs);
    await this.toTier(value, tier);
    return tier;
  }

  /** A retry, as it is, into `topic`: its first tier, or the next hop of a long wait. */
  async toTier(message: DeliveryMessage, topic: RetryTierTopic): Promise<void> {
    await this.produce(topic, [
      { key: endpointKey(message), value: message, headers: recordHeaders(message) },
    ]);
  }

  async toDeadLetters(message: DeliveryMessage, reason: string, at: Date): Promise<void> {
    const value = { ...message, deadLetteredAt: at.toISOString(), reason: reason.slice(0, 2000) };
    await this.produce(Topics.deliveriesDlq, [
      { key: endpointKey(message), value, headers: recordHeaders(message) },
    ]);
  }

  private produce<T extends TopicName>(
    topic: T,
    messages: readonly OutgoingMessage<T>[],
  ): Promise<void> {
    type Sends = readonly OutgoingMessage<T>[];
    let batcher = this.batchers.get(topic) as Batcher<Sends, void> | undefined;
    if (batcher === undefined) {
      batcher = new Batcher<Sends, void>(async (sends) => {
        await this.kafka.producer.send(topic, sends.flat());
        return sends.map(() => undefined);
      }, produceBatching);
      this.batchers.set(topic, batcher);
    }
    return batcher.submit(messages);
  }
}

/** A message as a first attempt sees it: due now (dead letters and replays carry no schedule). */
export function withoutSchedule(message: DeliveryMessage): DeliveryMessage {
  const copy = { ...message };
  delete copy.notBefore;
  return copy;
}
