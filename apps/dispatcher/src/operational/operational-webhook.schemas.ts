import type { OutboundPolicy } from '@leadhooks/outbound-http';
import { z } from 'zod';
import { webhookHeaders, webhookUrl } from '../webhooks/webhook.schemas';

/** `PUT /v1/operational-webhook`: the same URL and header rules as a webhook (decision 060). */
export function operationalWebhookBodySchema(policy: OutboundPolicy) {
  return z.strictObject({ url: webhookUrl(policy), headers: webhookHeaders.default({}) });
}

export type OperationalWebhookInput = z.output<ReturnType<typeof operationalWebhookBodySchema>>;

/** The operational webhook as the API shows it: header values masked, no secret. */
export interface OperationalWebhookView {
  url: string;
  headers: Record<string, string>;
  /** The events it receives. */
  events: readonly string[];
  created_at: string;
  updated_at: string;
}
