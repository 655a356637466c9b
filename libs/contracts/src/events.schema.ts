import { z } from 'zod';
import { SaveLeadBody } from './lead.schema';

export const EventType = z.enum(['save_lead']);
export type EventType = z.infer<typeof EventType>;

/** The events a configured webhook can subscribe to (the seed lists one). */
export const subscribableEvents = EventType.options;

const id = z.string().min(1).max(200);

/**
 * What leads-service publishes on `leads.save_lead`, keyed by lead id. `payload` is the
 * webhook body verbatim, so the dispatcher sends it without reshaping; `aggregateVersion`
 * grows by one with each saved change of the lead, which lets consumers drop stale or
 * repeated events.
 */
export const SaveLeadEvent = z.strictObject({
  eventId: z.uuid(),
  type: z.literal('save_lead'),
  accountId: id,
  occurredAt: z.iso.datetime({ offset: true }),
  aggregateId: id,
  aggregateVersion: z.number().int().positive(),
  payload: SaveLeadBody,
});
export type SaveLeadEvent = z.infer<typeof SaveLeadEvent>;
