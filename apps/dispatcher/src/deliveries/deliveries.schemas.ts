import { EventId } from '@leadhooks/contracts';
import { z } from 'zod';

const uuid = z.uuid({ message: 'must be a UUID' });
const instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with offset' })
  .transform((value) => new Date(value));
const limit = z.coerce.number().int().min(1).max(100).default(50);

export const ListDeliveriesQuery = z.strictObject({
  webhook_id: uuid.optional(),
  event_id: EventId.optional(),
  limit,
});
export const ListDeadLettersQuery = z.strictObject({
  webhook_id: uuid.optional(),
  from: instant.optional(),
  to: instant.optional(),
  limit,
});
export const BulkReplayBody = z.strictObject({
  webhook_id: uuid.optional(),
  from: instant.optional(),
  to: instant.optional(),
});
