import type { z } from 'zod';
import { DeadLetterMessage, DeliveryMessage } from './delivery.schema';
import { SaveLeadEvent } from './events.schema';
import { LookupCompleted } from './lookup.schema';

/** Logical topic names; a deployment may prefix them (see libs/kafka's namespace). */
export const Topics = {
  saveLead: 'leads.save_lead',
  lookupsCompleted: 'lookups.completed',
  deliveries: 'webhooks.deliveries',
  deliveriesRetry1: 'webhooks.deliveries.retry.1',
  deliveriesRetry2: 'webhooks.deliveries.retry.2',
  deliveriesRetry3: 'webhooks.deliveries.retry.3',
  deliveriesRetryIn1s: 'webhooks.deliveries.retry-in.1s',
  deliveriesRetryIn5s: 'webhooks.deliveries.retry-in.5s',
  deliveriesRetryIn30s: 'webhooks.deliveries.retry-in.30s',
  deliveriesRetryIn2m: 'webhooks.deliveries.retry-in.2m',
  deliveriesRetryIn10m: 'webhooks.deliveries.retry-in.10m',
  deliveriesRetryIn1h: 'webhooks.deliveries.retry-in.1h',
  deliveriesDlq: 'webhooks.deliveries.dlq',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

/**
 * The retry topics of the first ladder (decision 011), one per retry number. Nothing is
 * written to them any more; the retry consumer still reads them so records written before
 * an upgrade are not stranded (it moves each to a tier, or attempts it when due).
 */
export const retryTopics = [
  Topics.deliveriesRetry1,
  Topics.deliveriesRetry2,
  Topics.deliveriesRetry3,
] as const;

/**
 * Retry tiers (decision 061): each topic holds records for one FIXED delay from when they
 * were written, so within a topic arrival order is due order. A longer wait is reached by
 * hopping through tiers, never by holding a partition. Shortest first.
 */
export const retryTiers = [
  { topic: Topics.deliveriesRetryIn1s, delayMs: 1_000 },
  { topic: Topics.deliveriesRetryIn5s, delayMs: 5_000 },
  { topic: Topics.deliveriesRetryIn30s, delayMs: 30_000 },
  { topic: Topics.deliveriesRetryIn2m, delayMs: 120_000 },
  { topic: Topics.deliveriesRetryIn10m, delayMs: 600_000 },
  { topic: Topics.deliveriesRetryIn1h, delayMs: 3_600_000 },
] as const;
export type RetryTierTopic = (typeof retryTiers)[number]['topic'];

export const topicSchemas = {
  [Topics.saveLead]: SaveLeadEvent,
  [Topics.lookupsCompleted]: LookupCompleted,
  [Topics.deliveries]: DeliveryMessage,
  [Topics.deliveriesRetry1]: DeliveryMessage,
  [Topics.deliveriesRetry2]: DeliveryMessage,
  [Topics.deliveriesRetry3]: DeliveryMessage,
  [Topics.deliveriesRetryIn1s]: DeliveryMessage,
  [Topics.deliveriesRetryIn5s]: DeliveryMessage,
  [Topics.deliveriesRetryIn30s]: DeliveryMessage,
  [Topics.deliveriesRetryIn2m]: DeliveryMessage,
  [Topics.deliveriesRetryIn10m]: DeliveryMessage,
  [Topics.deliveriesRetryIn1h]: DeliveryMessage,
  [Topics.deliveriesDlq]: DeadLetterMessage,
} as const satisfies Record<TopicName, z.ZodType>;

export type TopicPayloads = { [T in TopicName]: z.infer<(typeof topicSchemas)[T]> };

export function isTopicName(name: string): name is TopicName {
  return Object.prototype.hasOwnProperty.call(topicSchemas, name);
}

/** Parses a decoded message of `topic`; throws a ZodError naming the bad field. */
export function parseTopicMessage<T extends TopicName>(topic: T, value: unknown): TopicPayloads[T] {
  return topicSchemas[topic].parse(value) as TopicPayloads[T];
}

/** Like parseTopicMessage, without throwing. */
export function safeParseTopicMessage<T extends TopicName>(
  topic: T,
  value: unknown,
): { success: true; data: TopicPayloads[T] } | { success: false; error: z.ZodError } {
  const result = topicSchemas[topic].safeParse(value);
  return result.success
    ? { success: true, data: result.data as TopicPayloads[T] }
    : { success: false, error: result.error };
}
