// The API's answers, as the typed client generated from the OpenAPI document declares them
// (libs/client, decision 073): type-only imports, so nothing of axios reaches the bundle.
import type { components } from '@leadhooks/client';

type Schemas = components['schemas'];

export type WebhookMethod = Schemas['Webhook']['method'];
export const webhookMethods: readonly WebhookMethod[] = ['POST', 'PUT', 'PATCH'];
export const subscribableEvents: readonly string[] = ['save_lead'];

export type Webhook = Schemas['Webhook'];
// The form keeps events as the strings of its check boxes; the API names the bad one (400).
export type WebhookInput = Omit<Schemas['UpdateWebhook'], 'events'> & { events?: string[] };
export type WebhookSecret = Schemas['WebhookSecret'];
export type Delivery = Schemas['DeliveryPage']['data'][number];
export type DeliveryStatus = Delivery['status'];
export type DeliveryDetail = Schemas['DeliveryDetail'];
export type Attempt = DeliveryDetail['attempts_log'][number];
export type DeadLetter = Schemas['DeadLetterPage']['data'][number];
/** The one error body every service answers with (libs/http ApiErrorBody). */
export type ApiErrorBody = Schemas['Error'];

export interface List<T> {
  data: T[];
  /** Pass as `cursor` for the next page; null on the last (decision 066). */
  next_cursor?: string | null;
}
