import { expectStatus, type ApiClient } from '@leadhooks/testing';

export { expectStatus };

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  method: string;
  enabled: boolean;
  disabled_reason: string | null;
}

export interface DeliveryDetail {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  attempts_log: {
    attempt_number: number;
    status_code: number | null;
    error_kind: string | null;
    error_message: string | null;
    response_snippet: string | null;
    duration_ms: number;
  }[];
}

export async function createWebhook(
  api: ApiClient,
  body: Record<string, unknown>,
): Promise<WebhookView> {
  return expectStatus(await api.post('/v1/webhooks', body), 201).body as WebhookView;
}

export async function webhookSecret(api: ApiClient, id: string): Promise<string> {
  return (expectStatus(await api.get(`/v1/webhooks/${id}/secret`), 200).body as { secret: string })
    .secret;
}

/** The delivery as the log shows it, or undefined while it has no row yet. */
export async function delivery(api: ApiClient, id: string): Promise<DeliveryDetail | undefined> {
  const result = await api.get(`/v1/deliveries/${encodeURIComponent(id)}`);
  return result.status === 404 ? undefined : (expectStatus(result, 200).body as DeliveryDetail);
}
