import { z } from 'zod';
import type { LookupEndpoint } from './lookup.schema';

/**
 * The 200 bodies of the six lookups, which are also the bodies `lookup.completed` webhooks
 * carry (the very response the client got). The lookup service's result types are inferred
 * from these, so the OpenAPI document, the event catalogue and the code cannot drift.
 */

const int = z.number().int();
const percent = int.min(0).max(100);
const nullableText = z.string().nullable();

/** Corporate address patterns the email finder ranks, most common first. */
export const EmailPatternName = z.enum([
  'first.last',
  'flast',
  'first',
  'firstlast',
  'first_last',
  'f.last',
  'firstl',
  'last.first',
  'first-last',
  'last',
  'lastf',
]);
export type EmailPatternName = z.infer<typeof EmailPatternName>;

export const EmailStatus = z.enum(['valid', 'invalid', 'risky', 'unknown']);
export type EmailStatus = z.infer<typeof EmailStatus>;

export const EmailChecks = z.strictObject({
  syntax: z.boolean(),
  disposable: z.boolean(),
  webmail: z.boolean(),
  role: z.boolean(),
  /** `skipped` when the syntax was already bad. */
  mx: z.enum(['found', 'none', 'unknown', 'skipped']),
});
export type EmailChecks = z.infer<typeof EmailChecks>;

export const EmailVerifierResult = z
  .strictObject({
    email: z.string(),
    domain: nullableText,
    status: EmailStatus,
    score: percent,
    checks: EmailChecks,
    mx_records: z.array(z.strictObject({ exchange: z.string(), priority: int.min(0) })),
  })
  .meta({ description: 'GET /v1/email-verifier' });
export type EmailVerifierResult = z.infer<typeof EmailVerifierResult>;

const Verification = z.strictObject({ status: EmailStatus, score: percent }).nullable();

export const EmailFinderResult = z
  .strictObject({
    domain: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: nullableText,
    score: percent,
    /** `known` when the account already has this person at the domain. */
    pattern: z.union([EmailPatternName, z.literal('known')]).nullable(),
    verification: Verification,
    evidence: z.array(z.strictObject({ pattern: EmailPatternName, count: int.min(0) })),
    candidates: z.array(
      z.strictObject({ email: z.string(), pattern: EmailPatternName, confidence: percent }),
    ),
  })
  .meta({ description: 'GET /v1/email-finder' });
export type EmailFinderResult = z.infer<typeof EmailFinderResult>;

export const DomainSearchResult = z
  .strictObject({
    domain: z.string(),
    pattern: EmailPatternName.nullable(),
    total: int.min(0),
    limit: int.min(1).max(100),
    offset: int.min(0),
    emails: z.array(
      z.strictObject({
        value: z.string(),
        first_name: nullableText,
        last_name: nullableText,
        position: nullableText,
        company: nullableText,
        phone: nullableText,
        sources: z.array(
          z.strictObject({
            type: z.literal('lead'),
            lead_id: z.string(),
            last_seen_at: z.iso.datetime({ offset: true }),
          }),
        ),
      }),
    ),
  })
  .meta({ description: 'GET /v1/domain-search' });
export type DomainSearchResult = z.infer<typeof DomainSearchResult>;

export const AuthorFinderResult = z
  .strictObject({
    url: z.string(),
    domain: z.string(),
    page: z.strictObject({
      status: z.enum(['fetched', 'failed']),
      http_status: int.nullable(),
      /** Why the page could not be fetched (an outbound error kind, or `http-status`). */
      error: nullableText,
    }),
    author: z
      .strictObject({
        name: z.string(),
        first_name: nullableText,
        last_name: nullableText,
        source: z.enum(['json-ld', 'meta', 'byline']),
      })
      .nullable(),
    email: nullableText,
    score: percent,
    pattern: EmailFinderResult.shape.pattern,
    verification: Verification,
  })
  .meta({ description: 'GET /v1/author-finder' });
export type AuthorFinderResult = z.infer<typeof AuthorFinderResult>;

export const PhoneValidatorResult = z
  .strictObject({
    phone: z.string(),
    valid: z.boolean(),
    possible: z.boolean(),
    /** libphonenumber's type in snake case (`mobile`, `fixed_line`, …). */
    type: nullableText,
    e164: nullableText,
    national: nullableText,
    international: nullableText,
    country: nullableText,
    country_calling_code: nullableText,
  })
  .meta({ description: 'GET /v1/phone-validator' });
export type PhoneValidatorResult = z.infer<typeof PhoneValidatorResult>;

export const PhoneFinderResult = z
  .strictObject({
    email: nullableText,
    domain: nullableText,
    phones: z.array(
      z.strictObject({
        number: z.string(),
        e164: nullableText,
        country: nullableText,
        valid: z.boolean(),
        type: nullableText,
        email: z.string(),
        first_name: nullableText,
        last_name: nullableText,
        lead_id: z.string(),
      }),
    ),
  })
  .meta({ description: 'GET /v1/phone-finder' });
export type PhoneFinderResult = z.infer<typeof PhoneFinderResult>;

/** Each lookup endpoint's 200 body, by the endpoint name `lookup.completed` carries. */
export const lookupResultSchemas = {
  'email-verifier': EmailVerifierResult,
  'email-finder': EmailFinderResult,
  'domain-search': DomainSearchResult,
  'author-finder': AuthorFinderResult,
  'phone-finder': PhoneFinderResult,
  'phone-validator': PhoneValidatorResult,
} as const satisfies Record<LookupEndpoint, z.ZodType>;
