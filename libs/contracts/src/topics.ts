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
  deliveriesDlq: 'webhooks.deliveries.dlq',
} as const;
export type TopicName = (typeof Topics)[keyof typeof Topics];

/** The retry ladder in order: a failure on step n goes to step n + 1, after the last to the DLQ. */
export const retryTopics = [
  Topics.deliveriesRetry1,
  Topics.deliveriesRetry2,
  Topics.deliveriesRetry3,
] as const;

export const topicSchemas = {
  [Topics.saveLead]: SaveLeadEvent,
  [Topics.lookupsCompleted]: LookupCompleted,
  [Topics.deliveries]: DeliveryMessage,
  [Topics.deliveriesRetry1]: DeliveryMessage,
  [Topics.deliveriesRetry2]: DeliveryMessage,
  [Topics.deliveriesRetry3]: DeliveryMessage,
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
