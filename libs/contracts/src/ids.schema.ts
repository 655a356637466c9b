import { z } from 'zod';

/**
 * The ids the APIs take in paths and query strings. Each is parsed before a handler
 * runs, so a value that can name nothing (`%00`, `123`, a 10 kB string) is a 400 naming
 * the parameter and never reaches a store (docs/decisions/060).
 */
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lead, webhook or account id: a UUID in any case, lower-cased as stored. */
export const ResourceId = z
  .string()
  .regex(uuidPattern, 'must be a UUID such as 3f2c1a7e-9b0d-4e5f-8a6b-1c2d3e4f5a6b')
  .transform((value) => value.toLowerCase());

/** A delivery id, which is also its dead letter's id and the `webhook-id` header (decision 010). */
export const DeliveryId = z
  .string()
  .regex(/^msg_[a-z2-7]{26}$/, 'must be a delivery id: msg_ and 26 characters from a-z and 2-7')
  .meta({ description: 'The webhook-id header of the delivery' });

/**
 * An event id: a save_lead event's UUID or a lookup's request id. Both are minted by
 * our services from this character set (libs/http's request-id rule), so nothing else
 * can name an event.
 */
export const EventId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,200}$/, 'must be an event id: 1 to 200 letters, digits and . _ : -');
