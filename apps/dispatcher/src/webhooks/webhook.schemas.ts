import { subscribableEvents } from '@leadhooks/contracts';
import { validateWebhookUrl, type OutboundPolicy } from '@leadhooks/outbound-http';
import { retryScheduleSchema } from '@leadhooks/retry-policy';
import { secretProblem } from '@leadhooks/webhook-signing';
import { z } from 'zod';
import { eventFilterSchema, type EventFilter } from '../filters/event-filter.schema';
import { duplicateHeaderName, headerProblem, maxCustomHeaders } from './webhook-headers';

export const webhookMethods = ['POST', 'PUT', 'PATCH'] as const;
export type WebhookMethod = (typeof webhookMethods)[number];

const name = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters long')
  .refine(
    (value) => ![...value].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f),
    'must not contain control characters',
  );

const method = z
  .string()
  .transform((value) => value.toUpperCase())
  .refine(
    (value): value is WebhookMethod => (webhookMethods as readonly string[]).includes(value),
    {
      message: `must be one of ${webhookMethods.join(', ')}; webhooks carry a JSON body, so GET, DELETE and others cannot be used`,
    },
  )
  .transform((value) => value as WebhookMethod);

export const webhookHeaders = z
  .record(z.string(), z.string({ message: 'header values must be strings' }))
  .check((ctx) => {
    const names = Object.keys(ctx.value);
    if (names.length > maxCustomHeaders) {
      ctx.issues.push({
        code: 'custom',
        message: `at most ${maxCustomHeaders} headers are allowed`,
        input: ctx.value,
      });
      return;
    }
    const duplicate = duplicateHeaderName(names);
    if (duplicate !== undefined) {
      ctx.issues.push({
        code: 'custom',
        message: `header ${duplicate} is given twice`,
        input: ctx.value,
      });
      return;
    }
    for (const [key, value] of Object.entries(ctx.value)) {
      const problem = headerProblem(key, value);
      // The path names the header, so `field` is `headers.<name>`.
      if (problem !== undefined)
        ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, path: [key] });
    }
  });

const events = z
  .array(z.enum(subscribableEvents, { message: `must be one of ${subscribableEvents.join(', ')}` }))
  .min(1, 'must list at least one event')
  .transform((list) => [...new Set(list)]);

/** `v1`: HMAC-SHA256 with the `whsec_` secret; `v1a`: ed25519 with the webhook's key (075). */
export const signatureSchemes = ['v1', 'v1a'] as const;
export type SignatureScheme = (typeof signatureSchemes)[number];

const schemes = z
  .array(
    z.enum(signatureSchemes, {
      message: 'must be "v1" (HMAC-SHA256) or "v1a" (ed25519)',
    }),
  )
  .min(1, 'must list at least one scheme')
  .max(10, 'must list at most 10 schemes')
  // One order whatever the client sent: the header carries v1 entries first.
  .transform((list) => signatureSchemes.filter((scheme) => list.includes(scheme)))
  .meta({
    description: '"v1" (HMAC-SHA256, the default), "v1a" (ed25519; GET .../public-key), or both',
  });

/** A customer's own `whsec_` secret (issue 23 item 6); the message never quotes it. */
export const customerSecret = z
  .string({ message: 'must be a whsec_ secret' })
  .check((ctx) => {
    const problem = secretProblem(ctx.value);
    // `input` left empty: an issue must never carry a secret, even a malformed one.
    if (problem !== undefined)
      ctx.issues.push({
        code: 'custom',
        input: '',
        message: `is not a usable whsec_ secret: ${problem}`,
      });
  })
  .meta({ description: 'Your own whsec_ secret (24 to 64 bytes, base64); omitted: we make one' });

/** POST /v1/webhooks/{id}/secret/rotate: no body, or `{secret}` to bring your own. */
export const RotateSecretBody = z
  .strictObject({ secret: customerSecret.optional() })
  .optional()
  .transform((body) => body ?? {});

export function webhookUrl(policy: OutboundPolicy) {
  return z.string().transform((value, ctx) => {
    const checked = validateWebhookUrl(value, policy);
    if (!checked.ok) {
      ctx.addIssue({ code: 'custom', message: checked.message });
      return z.NEVER;
    }
    // The normalized form is what was checked, so it is what we store and call.
    return checked.url.href;
  });
}

/** The request bodies of the webhook API; URL rules depend on the deployment's outbound policy. */
export function webhookBodySchemas(policy: OutboundPolicy) {
  const create = z.strictObject({
    name,
    url: webhookUrl(policy),
    method: method.default('POST'),
    headers: webhookHeaders.default({}),
    enabled: z.boolean().default(true),
    events: events.default(['save_lead']),
    /** The webhook's own retry delays; null (default) is the deployment's schedule. */
    retry_schedule: retryScheduleSchema.nullable().default(null),
    secret: customerSecret.optional(),
    signature_schemes: schemes.default(['v1']),
    filter: eventFilterSchema.nullable().default(null),
  });
  const update = z
    .strictObject({
      name: name.optional(),
      url: webhookUrl(policy).optional(),
      method: method.optional(),
      headers: webhookHeaders.optional(),
      enabled: z.boolean().optional(),
      events: events.optional(),
      retry_schedule: retryScheduleSchema.nullable().optional(),
      signature_schemes: schemes.optional(),
      /** null removes the filter. */
      filter: eventFilterSchema.nullable().optional(),
    })
    .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
  return { create, update };
}

export type CreateWebhookInput = z.output<ReturnType<typeof webhookBodySchemas>['create']>;
export type UpdateWebhookInput = z.output<ReturnType<typeof webhookBodySchemas>['update']>;

/** A webhook as the API shows it: header values masked, the secret behind its own endpoint. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  method: WebhookMethod;
  headers: Record<string, string>;
  enabled: boolean;
  disabled_reason: string | null;
  /** When it was disabled by us (a 410, persistent failure) or through the API. */
  disabled_at: string | null;
  events: string[];
  /** The delay before each retry (`["5s", "5m", ...]`); null: the default schedule. */
  retry_schedule: string[] | null;
  signature_schemes: SignatureScheme[];
  filter: EventFilter | null;
  created_at: string;
  updated_at: string;
}

/** GET /v1/webhooks: a page at a time, oldest first. */
export const ListWebhooksQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(100)
    .meta({ description: 'Page size, 1 to 100 (default 100)' }),
  cursor: z
    .string()
    .max(200, 'is not a cursor this API returned')
    .optional()
    .meta({ description: 'next_cursor of the previous page' }),
});
