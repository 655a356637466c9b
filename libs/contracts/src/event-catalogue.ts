import { z } from 'zod';
import { DeliveryEventType } from './delivery.schema';
import { SaveLeadBody } from './lead.schema';
import { lookupResultSchemas } from './lookup-results.schema';
import { DeliveryDeadLetteredBody, WebhookDisabledBody } from './operational-events.schema';

/** Who receives an event type: a configured webhook, a lookup's webhook_url, or the operational webhook. */
export type EventAudience = 'webhooks' | 'webhook_url' | 'operational_webhook';

interface EventTypeEntry {
  description: string;
  audience: EventAudience;
  /** The exact JSON a receiver's request body holds. */
  body: z.ZodType;
}

/** Every `webhook-event-type` a receiver can see, with what its body carries. */
export const eventTypes = {
  save_lead: {
    description:
      'A lead was created or changed (POST/PATCH /v1/leads). Sent to every enabled webhook subscribed to it.',
    audience: 'webhooks',
    body: SaveLeadBody,
  },
  'lookup.completed': {
    description:
      'A lookup called with webhook_url finished: the body is the very 200 body the caller got, ' +
      'one of the six lookup results (the webhook-id is the lookup’s X-Request-Id).',
    audience: 'webhook_url',
    body: z.union(Object.values(lookupResultSchemas)),
  },
  'webhook.disabled': {
    description: 'A webhook failed persistently and was disabled; sent to the operational webhook.',
    audience: 'operational_webhook',
    body: WebhookDisabledBody,
  },
  'delivery.dead_lettered': {
    description: 'A delivery used every attempt; sent to the operational webhook.',
    audience: 'operational_webhook',
    body: DeliveryDeadLetteredBody,
  },
} as const satisfies Record<DeliveryEventType, EventTypeEntry>;

/** JSON Schema (draft 2020-12) of a webhook body, as receivers validate it: the output side. */
export function webhookBodyJsonSchema(type: DeliveryEventType): Record<string, unknown> {
  return z.toJSONSchema(eventTypes[type].body, { io: 'output' }) as Record<string, unknown>;
}

/** The answer of `GET /v1/event-types`. */
export const EventTypeList = z.strictObject({
  data: z.array(
    z.strictObject({
      name: DeliveryEventType,
      description: z.string(),
      audience: z.enum(['webhooks', 'webhook_url', 'operational_webhook']),
      /** Whether a configured webhook may list it in `events`. */
      subscribable: z.boolean(),
      schema: z.record(z.string(), z.unknown()).meta({
        description: 'JSON Schema (draft 2020-12) of the webhook request body',
      }),
    }),
  ),
});
export type EventTypeList = z.infer<typeof EventTypeList>;

export function eventTypeList(subscribable: readonly string[]): EventTypeList {
  return {
    data: DeliveryEventType.options.map((name) => ({
      name,
      description: eventTypes[name].description,
      audience: eventTypes[name].audience,
      subscribable: subscribable.includes(name),
      schema: webhookBodyJsonSchema(name),
    })),
  };
}
