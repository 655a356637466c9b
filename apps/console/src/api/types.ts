// The dispatcher's answers, as its controllers declare them (apps/dispatcher/src/webhooks/
// webhook.schemas.ts WebhookView, deliveries/deliveries.queries.ts). Apps may not import
// apps, and these views are not in libs/contracts yet: copied here until the typed client
// generated from the OpenAPI document exists (decision 064).

export type WebhookMethod = 'POST' | 'PUT' | 'PATCH';
export const webhookMethods: readonly WebhookMethod[] = ['POST', 'PUT', 'PATCH'];
export const subscribableEvents: readonly string[] = ['save_lead'];

export interface Webhook {
  id: string;
  name: string;
  url: string;
  method: WebhookMethod;
  /** Values are always masked by the API. */
  headers: Record<string, string>;
  enabled: boolean;
  disabled_reason: string | null;
  events: string[];
  created_at: string;
  updated_at: string;
}

export interface WebhookInput {
  name?: string;
  url?: string;
  method?: WebhookMethod;
  headers?: Record<string, string>;
  enabled?: boolean;
  events?: string[];
}

export interface WebhookSecret {
  secret: string;
  previous_secret_expires_at: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'retrying' | 'dead' | 'cancelled';

export interface Delivery {
  id: string;
  webhook_id: string | null;
  url: string | null;
  event_type: string;
  event_id: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface Attempt {
  attempt_number: number;
  url: string;
  status_code: number | null;
  error_kind: string | null;
  error_message: string | null;
  response_snippet: string | null;
  duration_ms: number;
  started_at: string;
  finished_at: string;
}

export interface DeliveryDetail extends Delivery {
  /**
   * The exact body sent; null once the dispatcher's DELIVERY_BODY_RETENTION dropped it,
   * absent from dispatchers older than this console.
   */
  body?: string | null;
  attempts_log: Attempt[];
}

export interface DeadLetter {
  delivery_id: string;
  webhook_id: string | null;
  event_type: string;
  event_id: string;
  reason: string;
  dead_lettered_at: string;
  replayed_at: string | null;
}

/** The one error body every service answers with (libs/http ApiErrorBody). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  existingId?: string;
}

export interface List<T> {
  data: T[];
}
