// The paged, filtered lists of GET /v1/deliveries and GET /v1/dead-letters
// (apps/dispatcher/src/deliveries/deliveries.schemas.ts), one page per call.
import { queryString, type ApiClient } from './api-client';
import type { DeadLetter, Delivery, DeliveryStatus, List } from './types';

export interface DeliveryQuery {
  webhook_id?: string;
  status?: DeliveryStatus;
  event_type?: string;
  event_id?: string;
  /** ISO instants: created in [from, to). */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface DeadLetterQuery {
  webhook_id?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

export function deliveryPage(api: ApiClient, query: DeliveryQuery): Promise<List<Delivery>> {
  return api.call<List<Delivery>>('GET', `/v1/deliveries${queryString({ ...query })}`);
}

export function deadLetterPage(api: ApiClient, query: DeadLetterQuery): Promise<List<DeadLetter>> {
  return api.call<List<DeadLetter>>('GET', `/v1/dead-letters${queryString({ ...query })}`);
}
