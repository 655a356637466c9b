import { EventId } from '@leadhooks/contracts';
import { z } from 'zod';
import { deliveryStatuses, resendableStatuses } from './deliveries.views';

const uuid = z.uuid({ message: 'must be a UUID' });
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' })
  .transform((value) => new Date(value));
const limit = z.coerce
  .number()
  .int('must be a whole number from 1 to 100')
  .min(1, 'must be a whole number from 1 to 100')
  .max(100, 'must be a whole number from 1 to 100')
  .default(50)
  .meta({ description: 'Page size, 1 to 100 (default 50)' });
const cursor = z
  .string()
  .max(200, 'is not a cursor this API returned')
  .optional()
  .meta({ description: 'next_cursor of the previous page' });

export const ListDeliveriesQuery = z.strictObject({
  webhook_id: uuid.optional().meta({ description: 'Only the deliveries of this webhook' }),
  status: z
    .enum(deliveryStatuses, { message: `must be one of ${deliveryStatuses.join(', ')}` })
    .optional(),
  event_type: z
    .string()
    .regex(/^[a-z0-9._-]{1,100}$/, 'must be an event type such as save_lead')
    .optional(),
  event_id: EventId.optional(),
  from: instant.optional().meta({ description: 'Created at or after (inclusive)' }),
  to: instant.optional().meta({ description: 'Created before (exclusive)' }),
  limit,
  cursor,
});
export const ListDeadLettersQuery = z.strictObject({
  webhook_id: uuid.optional(),
  from: instant.optional().meta({ description: 'Dead-lettered at or after (inclusive)' }),
  to: instant.optional().meta({ description: 'Dead-lettered before (exclusive)' }),
  limit,
  cursor,
});
export const BulkReplayBody = z
  .strictObject({
    webhook_id: uuid.optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .meta({ description: 'Which dead letters to replay; all of them when empty' });

export const BulkResendBody = ListDeliveriesQuery.omit({ limit: true })
  .extend({
    status: z
      .enum(resendableStatuses, { message: `must be one of ${resendableStatuses.join(', ')}` })
      .optional(),
    cursor: cursor.meta({ description: 'next_cursor of the previous bulk resend' }),
  })
  .meta({
    description:
      'Which deliveries to resend (AND of the filters, as in the delivery list); all finished ones when empty',
  });
