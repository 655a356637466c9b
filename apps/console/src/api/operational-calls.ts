// /v1/operational-webhook (apps/dispatcher/src/operational/operational-webhook.schemas.ts):
// the account's one webhook for operational events (decision 065).
import type { components } from '@leadhooks/client';
import type { ApiClient } from './api-client';
import { ApiProblem } from './api-problem';
import type { WebhookSecret } from './types';

export type OperationalWebhook = components['schemas']['OperationalWebhook'];

const path = '/v1/operational-webhook';

/** The account's operational webhook, or null when it has none (the API's 404). */
export async function readOperationalWebhook(api: ApiClient): Promise<OperationalWebhook | null> {
  try {
    return await api.call<OperationalWebhook>('GET', path);
  } catch (problem) {
    if (problem instanceof ApiProblem && problem.status === 404) return null;
    throw problem;
  }
}

export function putOperationalWebhook(
  api: ApiClient,
  input: { url: string; headers?: Record<string, string> },
): Promise<OperationalWebhook> {
  return api.call<OperationalWebhook>('PUT', path, input);
}

export function removeOperationalWebhook(api: ApiClient): Promise<void> {
  return api.call<void>('DELETE', path);
}

export function operationalSecret(api: ApiClient): Promise<WebhookSecret> {
  return api.call<WebhookSecret>('GET', `${path}/secret`);
}

export function rotateOperationalSecret(api: ApiClient): Promise<WebhookSecret> {
  return api.call<WebhookSecret>('POST', `${path}/secret/rotate`);
}
