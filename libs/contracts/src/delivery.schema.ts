import { z } from 'zod';

/**
 * Where a delivery goes: a configured webhook (resolved at send time), an ad-hoc URL, or the
 * account's operational webhook (resolved at send time; its failures notify no one).
 */
export const DeliveryDestination = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webhook'), webhookId: z.string().min(1).max(200) }),
  z.strictObject({ kind: z.literal('webhook_url'), url: z.url().max(2048) }),
  z.strictObject({ kind: z.literal('operational') }),
]);
export type DeliveryDestination = z.infer<typeof DeliveryDestination>;

export const DeliveryEventType = z.enum([
  'save_lead',
  'lookup.completed',
  // Operational events, only ever sent to an account's operational webhook.
  'webhook.disabled',
  'delivery.dead_lettered',
]);
export type DeliveryEventType = z.infer<typeof DeliveryEventType>;

/**
 * One delivery of one event to one destination, as it travels through
 * `webhooks.deliveries`, the retry topics and the dead-letter topic (keyed by endpoint).
 * `deliveryId` is the `webhook-id` header: the same on every attempt and every replay.
 * `body` is the exact JSON text to send, so the signed bytes never depend on re-serializing.
 */
export const DeliveryMessage = z.strictObject({
  deliveryId: z.string().min(1).max(200),
  accountId: z.string().min(1).max(200),
  eventType: DeliveryEventType,
  eventId: z.string().min(1).max(200),
  destination: DeliveryDestination,
  body: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Attempts already made (0 on `webhooks.deliveries`); attempt numbers are 1-based. */
  attemptsMade: z.number().int().min(0),
  /** When a retry topic's consumer may send it; absent means now. */
  notBefore: z.iso.datetime({ offset: true }).optional(),
});
export type DeliveryMessage = z.infer<typeof DeliveryMessage>;

/** A delivery that used every attempt (or was refused for good), on `webhooks.deliveries.dlq`. */
export const DeadLetterMessage = DeliveryMessage.extend({
  deadLetteredAt: z.iso.datetime({ offset: true }),
  reason: z.string().min(1).max(2000),
});
export type DeadLetterMessage = z.infer<typeof DeadLetterMessage>;
