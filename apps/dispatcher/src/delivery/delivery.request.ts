import { WebhookHeaders, type DeliveryMessage } from '@leadhooks/contracts';
import type { OutboundRequest } from '@leadhooks/outbound-http';
import { signatureHeaders } from '@leadhooks/webhook-signing';
import type { DeliveryTarget } from './delivery-target';

/**
 * The HTTP request of one attempt: the webhook's own headers, then ours (which the API
 * never lets a webhook set), and the body as the exact bytes that were signed.
 * A fresh timestamp per attempt: receivers refuse stale ones, and the id stays the same.
 */
export function prepareRequest(
  message: DeliveryMessage,
  target: DeliveryTarget,
  now: Date,
): OutboundRequest {
  const body = Buffer.from(message.body, 'utf8');
  return {
    method: target.method,
    url: target.url,
    headers: {
      ...target.headers,
      'Content-Type': 'application/json',
      [WebhookHeaders.eventType]: message.eventType,
      ...signatureHeaders({
        id: message.deliveryId,
        timestamp: Math.floor(now.getTime() / 1000),
        body,
        secrets: target.secrets,
        signingKeys: target.signingKeys,
      }),
    },
    body,
  };
}
