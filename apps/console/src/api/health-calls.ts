// GET /v1/webhooks/{id}/health (apps/dispatcher/src/endpoint-health/endpoint-health.views.ts),
// kept beside types.ts so the typed client can replace both in one place (decision 064).
import type { ApiClient } from './api-client';

export interface EndpointHealthWindow {
  deliveries: number;
  delivered: number;
  dead: number;
  in_flight: number;
  /** delivered / (delivered + dead), 0 to 1; null when none has settled. */
  success_rate: number | null;
  attempts: number;
  failed_attempts: number;
  attempt_duration_p50_ms: number | null;
  attempt_duration_p95_ms: number | null;
}

export interface EndpointHealth {
  webhook_id: string;
  as_of: string;
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  failing_since: string | null;
  consecutive_dead_letters: number;
  last_error: { message: string; at: string; delivery_id: string } | null;
  last_hour: EndpointHealthWindow;
  last_day: EndpointHealthWindow;
}

export function readHealth(api: ApiClient, webhookId: string): Promise<EndpointHealth> {
  return api.call<EndpointHealth>('GET', `/v1/webhooks/${encodeURIComponent(webhookId)}/health`);
}
