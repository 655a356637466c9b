import { z } from 'zod';
import { isMailDomain } from '../email/email-syntax';
import { isPhoneCountry } from '../phone/phone-validation';

/** Every lookup takes it; checked by LookupRunner with the webhook URL policy, not here. */
const webhookUrl = z
  .string()
  .optional()
  .meta({ description: 'HTTPS URL that receives the same response body, asynchronously' });

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters long`);

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .refine(isMailDomain, 'must be a domain name such as example.com');

const email = text(320).meta({
  description: 'Any string: an address that is not valid gets status "invalid"',
});

const wholeNumber = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be a whole number from ${min} to ${max}`)
        .max(max, `must be a whole number from ${min} to ${max}`),
    )
    .default(fallback);

export const EmailVerifierQuery = z.strictObject({ email, webhook_url: webhookUrl });
export type EmailVerifierParams = z.output<typeof EmailVerifierQuery>;

/** first_name and last_name, or full_name ("Ada Lovelace"); not both forms. */
export const EmailFinderQuery = z
  .strictObject({
    domain,
    first_name: text(100).optional(),
    last_name: text(100).optional(),
    full_name: text(200).optional(),
    webhook_url: webhookUrl,
  })
  .superRefine((query, ctx) => {
    const parts = query.first_name !== undefined || query.last_name !== undefined;
    if (query.full_name !== undefined && parts) {
      ctx.addIssue({
        code: 'custom',
        path: ['full_name'],
        message: 'must not be given with first_name or last_name',
      });
    } else if (query.full_name === undefined) {
      if (query.first_name === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['first_name'],
          message: 'is required (or give full_name)',
        });
      else if (query.last_name === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['last_name'],
          message: 'is required (or give full_name)',
        });
    }
  });
export type EmailFinderParams = z.output<typeof EmailFinderQuery>;

export const DomainSearchQuery = z.strictObject({
  domain,
  limit: wholeNumber(1, 100, 10),
  offset: wholeNumber(0, 10_000, 0),
  webhook_url: webhookUrl,
});
export type DomainSearchParams = z.output<typeof DomainSearchQuery>;

export const AuthorFinderQuery = z.strictObject({
  url: z.string().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters long'),
  webhook_url: webhookUrl,
});
export type AuthorFinderParams = z.output<typeof AuthorFinderQuery>;

/** Exactly one of email and domain. */
export const PhoneFinderQuery = z
  .strictObject({
    email: text(320).toLowerCase().optional(),
    domain: domain.optional(),
    webhook_url: webhookUrl,
  })
  .superRefine((query, ctx) => {
    if ((query.email === undefined) === (query.domain === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'or domain is required, but not both',
      });
    }
  });
export type PhoneFinderParams = z.output<typeof PhoneFinderQuery>;

export const PhoneValidatorQuery = z.strictObject({
  phone: text(50),
  country: z
    .string()
    .toUpperCase()
    .refine(isPhoneCountry, 'must be an ISO 3166-1 alpha-2 country code such as GB')
    .optional(),
  webhook_url: webhookUrl,
});
export type PhoneValidatorParams = z.output<typeof PhoneValidatorQuery>;
