import { DeliveryId } from '@leadhooks/contracts';
import { z } from 'zod';
import { signatureSchemes, webhookMethods } from './webhook.schemas';

/** The shapes the webhook endpoints answer with, for the OpenAPI document. */
const timestamp = z.string().meta({ description: 'ISO 8601 date-time' });

export const WebhookResource = z
  .object({
    id: z.uuid(),
    name: z.string(),
    url: z.string(),
    method: z.enum(webhookMethods),
    headers: z
      .record(z.string(), z.string())
      .meta({ description: 'Custom headers; values are masked' }),
    enabled: z.boolean(),
    disabled_reason: z.string().nullable(),
    disabled_at: timestamp
      .nullable()
      .meta({ description: 'When it was disabled; null while enabled' }),
    events: z.array(z.string()),
    retry_schedule: z
      .array(z.string())
      .nullable()
      .meta({ description: 'The delay before each retry; null: the default schedule' }),
    signature_schemes: z
      .array(z.enum(signatureSchemes))
      .meta({ description: 'v1: HMAC-SHA256 (the secret); v1a: ed25519 (the public key)' }),
    filter: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: 'Only events whose body matches are delivered; null: every event' }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ description: 'A webhook (header values masked, the secret behind its own endpoint)' });

export const WebhookPage = z
  .object({
    data: z.array(WebhookResource),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .meta({ description: 'A page of the webhooks of the account, oldest first' });

export const WebhookSecret = z
  .object({
    secret: z.string().meta({ description: 'whsec_ and the base64 key' }),
    previous_secret_expires_at: timestamp
      .nullable()
      .meta({ description: 'Until then the previous secret signs too' }),
  })
  .meta({ description: 'The signing secret of a webhook' });

export const WebhookPublicKey = z
  .object({
    public_key: z.string().meta({ description: 'whpk_ and the base64 of the 32-byte ed25519 key' }),
    previous_public_key: z
      .string()
      .nullable()
      .meta({ description: 'The key before the last rotation, while it still signs' }),
    previous_public_key_expires_at: timestamp
      .nullable()
      .meta({ description: 'Until then the previous key signs too (a second v1a entry)' }),
  })
  .meta({ description: 'The ed25519 public key that verifies v1a signatures of a webhook' });

export const AccountSecret = z
  .object({ secret: z.string() })
  .meta({ description: "The secret that signs this account's webhook_url deliveries" });

export const TestDelivery = z
  .object({ delivery_id: DeliveryId })
  .meta({ description: 'The delivery of the sample event; follow it at /v1/deliveries/{id}' });
