import { z } from 'zod';

/** The six lookup endpoints that accept `?webhook_url=`, as the seed names them. */
export const LookupEndpoint = z.enum([
  'email-verifier',
  'email-finder',
  'domain-search',
  'author-finder',
  'phone-finder',
  'phone-validator',
]);
export type LookupEndpoint = z.infer<typeof LookupEndpoint>;

/** Any JSON object: a lookup's response body, kept as the client received it. */
export const JsonObject = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof JsonObject>;

/**
 * What lookup-service publishes on `lookups.completed` (keyed by request id) when a call
 * carried `webhook_url`: `body` is the very response the client got.
 */
export const LookupCompleted = z.strictObject({
  requestId: z.string().min(1).max(200),
  accountId: z.string().min(1).max(200),
  endpoint: LookupEndpoint,
  webhookUrl: z.url({ protocol: /^https?$/ }).max(2048),
  occurredAt: z.iso.datetime({ offset: true }),
  body: JsonObject,
});
export type LookupCompleted = z.infer<typeof LookupCompleted>;
