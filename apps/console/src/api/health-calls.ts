// GET /v1/webhooks/{id}/health (apps/dispatcher/src/endpoint-health/endpoint-health.views.ts),
// typed by the client generated from the OpenAPI document, as types.ts is (decision 073).
import type { components } from '@leadhooks/client';
import type { ApiClient } from './api-client';

export type EndpointHealth = components['schemas']['EndpointHealth'];
export type EndpointHealthWindow = EndpointHealth['last_hour'];

export function readHealth(api: ApiClient, webhookId: string): Promise<EndpointHealth> {
  return api.call<EndpointHealth>('GET', `/v1/webhooks/${encodeURIComponent(webhookId)}/health`);
}
