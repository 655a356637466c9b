import type { OutboundPolicy } from '@leadhooks/outbound-http';
import { z } from 'zod';
import { webhookHeaders, webhookUrl } from '../webhooks/webhook.schemas';

/** `PUT /v1/operational-webhook`: the same URL and header rules as a webhook (decision 060). */
export function operationalWebhookBodySchema(policy: OutboundPolicy) {
  return z.strictObject({ url: webhookUrl(policy), headers: webhookHeaders.default({}) });
}

export type OperationalWebhookInput = z.output<ReturnType<typeof operationalWebhookBodySchema>>;

/** The operational webhook as the API shows it: header values masked, no secret. */
export const OperationalWebhookResource = z
  .object({
    url: z.string(),
    headers: z
      .record(z.string(), z.string())
      .meta({ description: 'Header names; every value masked ********' }),
    events: z.array(z.string()).meta({ description: 'The events it receives' }),
    created_at: z.string().meta({ description: 'ISO 8601 date-time' }),
    updated_at: z.string().meta({ description: 'ISO 8601 date-time' }),
  })
  .meta({ description: "The account's operational webhook (decision 065)" });
export type OperationalWebhookView = z.infer<typeof OperationalWebhookResource>;
