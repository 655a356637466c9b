import { DeliveryId } from '@leadhooks/contracts';
import { z } from 'zod';

/**
 * The shapes the delivery endpoints answer with: the TypeScript types the queries return
 * and the OpenAPI response schemas are both derived from these.
 */
export const deliveryStatuses = ['pending', 'delivered', 'retrying', 'dead', 'cancelled'] as const;
/** Statuses a resend takes: the others are still on their way (a second ladder would race). */
export const resendableStatuses = ['delivered', 'dead', 'cancelled'] as const;

const timestamp = z.string().meta({ description: 'ISO 8601 date-time' });

export const DeliveryResource = z
  .object({
    id: DeliveryId,
    webhook_id: z
      .uuid()
      .nullable()
      .meta({ description: 'Null for an ad-hoc webhook_url delivery' }),
    url: z.string().nullable(),
    event_type: z.string(),
    event_id: z.string(),
    status: z.enum(deliveryStatuses),
    attempts: z.number().int().min(0),
    last_error: z.string().nullable(),
    retry_schedule: z
      .string()
      .nullable()
      .meta({ description: 'The retry delays of its last attempt, e.g. `5s,5m,30m`' }),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ description: 'A delivery: one event to one webhook' });
export type DeliveryView = z.infer<typeof DeliveryResource>;

export const AttemptResource = z
  .object({
    attempt_number: z.number().int(),
    url: z.string(),
    status_code: z.number().int().nullable(),
    error_kind: z.string().nullable(),
    error_message: z.string().nullable(),
    response_snippet: z.string().nullable(),
    duration_ms: z.number().int(),
    started_at: timestamp,
    finished_at: timestamp,
  })
  .meta({ description: 'One HTTP attempt of a delivery' });
export type AttemptView = z.infer<typeof AttemptResource>;

export const DeliveryDetail = DeliveryResource.extend({
  body: z.string().nullable().meta({
    description: 'The exact body every attempt sent; null once DELIVERY_BODY_RETENTION dropped it',
  }),
  attempts_log: z.array(AttemptResource),
}).meta({ description: 'A delivery with the body sent and every attempt, oldest first' });
export type DeliveryDetailView = z.infer<typeof DeliveryDetail>;

export const DeadLetterResource = z
  .object({
    delivery_id: DeliveryId,
    webhook_id: z.uuid().nullable(),
    event_type: z.string(),
    event_id: z.string(),
    reason: z.string(),
    dead_lettered_at: timestamp,
    replayed_at: timestamp.nullable(),
  })
  .meta({ description: 'A delivery that exhausted its retries' });
export type DeadLetterView = z.infer<typeof DeadLetterResource>;

const nextCursor = z
  .string()
  .nullable()
  .meta({ description: 'Pass as `cursor` for the next page; null on the last' });

export const DeliveryPage = z
  .object({ data: z.array(DeliveryResource), next_cursor: nextCursor })
  .meta({ description: 'A page of deliveries, newest first' });
export const DeadLetterPage = z
  .object({ data: z.array(DeadLetterResource), next_cursor: nextCursor })
  .meta({ description: 'A page of dead letters, newest first' });

export const ReplayResult = z
  .object({ replayed: z.number().int().min(0) })
  .meta({ description: 'How many dead letters were sent again' });

export const ResendResult = z
  .object({
    resent: z.number().int().min(0),
    next_cursor: nextCursor.meta({
      description:
        'More matched than one call takes (1000): pass as `cursor` to go on; null when done',
    }),
  })
  .meta({ description: 'How many deliveries were sent again' });
