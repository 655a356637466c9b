import { ApiProblem, problemOf, unreachable } from './api-problem';
import type {
  DeadLetter,
  Delivery,
  DeliveryDetail,
  List,
  Webhook,
  WebhookInput,
  WebhookSecret,
} from './types';

export interface DeliveryFilter {
  webhook_id?: string;
  event_id?: string;
  limit?: number;
}

export interface DeadLetterFilter {
  webhook_id?: string;
  from?: string;
  to?: string;
  limit?: number;
}

type Query = Record<string, string | number | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The API of the console's own origin, called with the signed-in key. A 401 at any time
 * means the key stopped working: `onUnauthorized` sends the tab back to sign-in.
 */
export class ApiClient {
  constructor(
    private readonly apiKey: string,
    private readonly onUnauthorized: (problem: ApiProblem) => void = () => undefined,
    private readonly base = '',
  ) {}

  /** One call of the API; the calls beyond this file's (src/api/*-calls.ts) go through it too. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.apiKey}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw unreachable();
    }
    if (response.status === 204) return undefined as T;
    const parsed: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const problem = problemOf(response.status, parsed, response.headers.get('retry-after'));
      if (problem.status === 401) this.onUnauthorized(problem);
      throw problem;
    }
    return parsed as T;
  }

  /** Every webhook of the account: the list is paged (100 a page), so follow next_cursor. */
  webhooks = async (): Promise<List<Webhook>> => {
    const data: Webhook[] = [];
    let cursor: string | null | undefined;
    do {
      const page: List<Webhook> = await this.call<List<Webhook>>(
        'GET',
        `/v1/webhooks${queryString({ limit: 100, cursor: cursor ?? undefined })}`,
      );
      data.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    return { data };
  };
  webhook = (id: string) => this.call<Webhook>('GET', `/v1/webhooks/${encodeURIComponent(id)}`);
  createWebhook = (input: WebhookInput) => this.call<Webhook>('POST', '/v1/webhooks', input);
  updateWebhook = (id: string, input: WebhookInput) =>
    this.call<Webhook>('PATCH', `/v1/webhooks/${encodeURIComponent(id)}`, input);
  deleteWebhook = (id: string) =>
    this.call<void>('DELETE', `/v1/webhooks/${encodeURIComponent(id)}`);
  webhookSecret = (id: string) =>
    this.call<WebhookSecret>('GET', `/v1/webhooks/${encodeURIComponent(id)}/secret`);
  rotateSecret = (id: string) =>
    this.call<WebhookSecret>('POST', `/v1/webhooks/${encodeURIComponent(id)}/secret/rotate`);
  sendTest = (id: string) =>
    this.call<{ delivery_id: string }>('POST', `/v1/webhooks/${encodeURIComponent(id)}/test`);
  webhookUrlSecret = () => this.call<{ secret: string }>('GET', '/v1/webhook-url/secret');

  deliveries = (filter: DeliveryFilter = {}) =>
    this.call<List<Delivery>>('GET', `/v1/deliveries${queryString({ ...filter })}`);
  delivery = (id: string) =>
    this.call<DeliveryDetail>('GET', `/v1/deliveries/${encodeURIComponent(id)}`);

  deadLetters = (filter: DeadLetterFilter = {}) =>
    this.call<List<DeadLetter>>('GET', `/v1/dead-letters${queryString({ ...filter })}`);
  replay = (deliveryId: string) =>
    this.call<{ replayed: number }>(
      'POST',
      `/v1/dead-letters/${encodeURIComponent(deliveryId)}/replay`,
    );
  replayMany = (filter: { webhook_id?: string; from?: string; to?: string }) =>
    this.call<{ replayed: number }>('POST', '/v1/dead-letters/replay', filter);
}
