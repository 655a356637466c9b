import { z } from 'zod';

/** A field the seed types `*string`: present in every payload, a string or null. */
const optionalText = z.string().nullable();

/**
 * The lead exactly as the seed's field table gives it, in its order: `email` and
 * `website` are strings, the `*string` fields may be null, `score` is an integer.
 * Strict: a twelfth field is a contract break, not something to pass along.
 */
export const LeadData = z.strictObject({
  email: z.string(),
  website: z.string(),
  company: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  phone: optionalText,
  position: optionalText,
  twitter: optionalText,
  linkedin: optionalText,
  notes: optionalText,
  score: z.number().int(),
});
export type LeadData = z.infer<typeof LeadData>;

/** The body a `save_lead` webhook receives, and nothing else: `{ "data": { ... } }`. */
export const SaveLeadBody = z.strictObject({ data: LeadData });
export type SaveLeadBody = z.infer<typeof SaveLeadBody>;

export const leadFieldNames = Object.keys(LeadData.shape) as (keyof LeadData)[];
