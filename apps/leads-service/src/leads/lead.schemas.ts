import { z } from 'zod';

/**
 * What the leads API accepts and returns. Limits (docs/decisions/032-lead-validation.md):
 * lengths are in UTF-16 code units as JavaScript counts them; score is 0..100.
 */
export const leadLimits = {
  email: 254, // RFC 5321's longest usable address
  emailLocalPart: 64, // RFC 5321 4.5.3.1.1: a longer one is refused by mail servers
  website: 2048,
  company: 255,
  first_name: 100,
  last_name: 100,
  phone: 50,
  position: 255,
  twitter: 100,
  linkedin: 2048,
  notes: 10_000,
  scoreMin: 0,
  scoreMax: 100,
} as const;

// Postgres text cannot hold U+0000; refusing it here keeps it a 400 instead of a 500.
const noNul = (value: string) => !value.includes('\u0000');

function text(max: number) {
  return z
    .string()
    .max(max, `must be at most ${max} characters long`)
    .refine(noNul, 'must not contain the NUL character');
}

const email = z
  .email({ message: 'must be a valid email address' })
  .max(leadLimits.email, `must be at most ${leadLimits.email} characters long`)
  .refine(
    (value) => value.lastIndexOf('@') <= leadLimits.emailLocalPart,
    `must have at most ${leadLimits.emailLocalPart} characters before the @ (RFC 5321)`,
  )
  .transform((value) => value.toLowerCase());

const score = z
  .number({ message: 'must be an integer' })
  .int('must be an integer')
  .min(
    leadLimits.scoreMin,
    `must be an integer from ${leadLimits.scoreMin} to ${leadLimits.scoreMax}`,
  )
  .max(
    leadLimits.scoreMax,
    `must be an integer from ${leadLimits.scoreMin} to ${leadLimits.scoreMax}`,
  );

/** The seed's fields as a client may set them; every `*string` field may be null. */
const leadFields = {
  email,
  website: text(leadLimits.website),
  company: text(leadLimits.company).nullable(),
  first_name: text(leadLimits.first_name).nullable(),
  last_name: text(leadLimits.last_name).nullable(),
  phone: text(leadLimits.phone).nullable(),
  position: text(leadLimits.position).nullable(),
  twitter: text(leadLimits.twitter).nullable(),
  linkedin: text(leadLimits.linkedin).nullable(),
  notes: text(leadLimits.notes).nullable(),
  score,
};

/** POST /v1/leads: only `email` is required; website defaults to "", text fields to null, score to 0. */
export const CreateLeadBody = z
  .strictObject({
    email: leadFields.email,
    website: leadFields.website.default(''),
    company: leadFields.company.default(null),
    first_name: leadFields.first_name.default(null),
    last_name: leadFields.last_name.default(null),
    phone: leadFields.phone.default(null),
    position: leadFields.position.default(null),
    twitter: leadFields.twitter.default(null),
    linkedin: leadFields.linkedin.default(null),
    notes: leadFields.notes.default(null),
    score: leadFields.score.default(0),
  })
  .meta({ description: 'A new lead. Unknown fields are refused.' });
/** Type names differ from the schemas' so decorator metadata can never refer to the schema value. */
export type CreateLeadInput = z.output<typeof CreateLeadBody>;

/** PATCH /v1/leads/{id}: any subset of the fields; null clears a `*string` field. */
export const UpdateLeadBody = z.strictObject(leadFields).partial().meta({
  description: 'Fields to change; absent fields keep their value, null clears a text field.',
});
export type UpdateLeadInput = z.output<typeof UpdateLeadBody>;

/** A lead as the API returns it: the seed's eleven fields plus identity and bookkeeping. */
export const LeadResource = z
  .strictObject({
    id: z.uuid(),
    email: z.string(),
    website: z.string(),
    company: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    phone: z.string().nullable(),
    position: z.string().nullable(),
    twitter: z.string().nullable(),
    linkedin: z.string().nullable(),
    notes: z.string().nullable(),
    score: z.number().int(),
    version: z
      .number()
      .int()
      .positive()
      .meta({ description: 'Grows by one with each saved change' }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ description: 'A lead' });
export type LeadView = z.infer<typeof LeadResource>;

const hostname =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** GET /v1/leads query: exact, case-insensitive filters and a keyset cursor. */
export const ListLeadsQuery = z.strictObject({
  email: email.optional().meta({ description: 'Only the lead with this email (case-insensitive)' }),
  domain: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.string().regex(hostname, 'must be a domain name such as example.com'))
    .optional()
    .meta({ description: 'Only leads whose email is at this domain (exact, case-insensitive)' }),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'must be a whole number from 1 to 100')
        .max(100, 'must be a whole number from 1 to 100'),
    )
    .default(20)
    .meta({ description: 'Page size, 1 to 100 (default 20)' }),
  cursor: z.string().max(200, 'is not a cursor this API returned').optional().meta({
    description: 'next_cursor of the previous page',
  }),
});
export type ListLeadsParams = z.output<typeof ListLeadsQuery>;

export const LeadPage = z
  .strictObject({
    data: z.array(LeadResource),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` for the next page; null on the last' }),
  })
  .meta({ description: 'A page of leads, newest first' });
export type LeadPageView = z.infer<typeof LeadPage>;
