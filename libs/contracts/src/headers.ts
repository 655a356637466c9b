/** Headers on Kafka records. Event type and ids travel here, never in a webhook body. */
export const KafkaHeaders = {
  eventType: 'event-type',
  eventId: 'event-id',
  accountId: 'account-id',
  requestId: 'request-id',
} as const;

/** Headers on outbound webhook requests: the Standard Webhooks set plus our event name. */
export const WebhookHeaders = {
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
  eventType: 'webhook-event-type',
} as const;

/** Headers on our HTTP API. */
export const ApiHeaders = {
  requestId: 'x-request-id',
  apiKey: 'x-api-key',
} as const;
