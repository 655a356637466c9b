import type { DeliveryMessage, LookupCompleted, SaveLeadEvent } from '@leadhooks/contracts';
import { matchesFilter } from '../filters/event-filter';
import type { EventFilter } from '../filters/event-filter.schema';
import { deliveryIdFor, destinationKey } from './delivery-id';

/** One message for webhooks.deliveries, with its partition key (the endpoint). */
export interface PlannedDelivery {
  key: string;
  value: DeliveryMessage;
}

/**
 * The subscribers whose filter (decision 076) the event's body matches; the others are
 * counted, and get no delivery at all (nothing in the log, nothing to retry).
 */
export function matchingSubscribers(
  event: SaveLeadEvent,
  subscribers: readonly { id: string; filter: EventFilter | null }[],
): { webhookIds: string[]; filteredOut: number } {
  const webhookIds = subscribers
    .filter((webhook) => webhook.filter === null || matchesFilter(webhook.filter, event.payload))
    .map((webhook) => webhook.id);
  return { webhookIds, filteredOut: subscribers.length - webhookIds.length };
}

/**
 * One delivery per subscribed webhook. The body is the event's payload as JSON text,
 * `{"data": {...}}` and nothing else; it is fixed here so every attempt signs the same bytes.
 */
export function planSaveLead(
  event: SaveLeadEvent,
  webhookIds: readonly string[],
  now: Date,
): PlannedDelivery[] {
  const body = JSON.stringify(event.payload);
  return webhookIds.map((webhookId) => ({
    key: destinationKey.webhook(webhookId),
    value: {
      deliveryId: deliveryIdFor(event.eventId, destinationKey.webhook(webhookId)),
      accountId: event.accountId,
      eventType: 'save_lead',
      eventId: event.eventId,
      destination: { kind: 'webhook', webhookId },
      body,
      createdAt: now.toISOString(),
      attemptsMade: 0,
    },
  }));
}

/** The one delivery of a lookup's response to its webhook_url, the body exactly as the client got it. */
export function planLookup(event: LookupCompleted, now: Date): PlannedDelivery {
  return {
    key: destinationKey.url(event.webhookUrl),
    value: {
      deliveryId: deliveryIdFor(event.requestId, destinationKey.url(event.webhookUrl)),
      accountId: event.accountId,
      eventType: 'lookup.completed',
      eventId: event.requestId,
      destination: { kind: 'webhook_url', url: event.webhookUrl },
      body: JSON.stringify(event.body),
      createdAt: now.toISOString(),
      attemptsMade: 0,
    },
  };
}
