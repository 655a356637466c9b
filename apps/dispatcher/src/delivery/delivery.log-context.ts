import type { DeliveryMessage } from '@leadhooks/contracts';

/** What identifies a delivery in the logs: enough to find it in the API, the log and the receiver's. */
export interface DeliveryLogContext {
  eventId: string;
  /** The `webhook-id` the receiver sees, the same on every attempt and replay. */
  deliveryId: string;
  accountId: string;
  webhookId?: string;
  attempt?: number;
}

/**
 * The ids every delivery log line carries. Deliberately not the destination URL (an
 * ad-hoc webhook_url may hold a token in its query), headers or secrets.
 */
export function deliveryLogContext(message: DeliveryMessage, attempt?: number): DeliveryLogContext {
  return {
    eventId: message.eventId,
    deliveryId: message.deliveryId,
    accountId: message.accountId,
    webhookId: message.destination.kind === 'webhook' ? message.destination.webhookId : undefined,
    attempt,
  };
}
