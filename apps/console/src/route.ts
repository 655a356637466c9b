import type { DeliveryStatus } from './api/types';

/** What the deliveries list is narrowed to; kept in the URL so a reload keeps it. */
export interface DeliveryFilters {
  webhookId?: string;
  eventId?: string;
  status?: DeliveryStatus;
  eventType?: string;
  /** ISO instants, as the API takes them: created in [from, to). */
  from?: string;
  to?: string;
}

/**
 * `cursors`: the next_cursor of every page before this one, oldest last; the last is the
 * current page's. The API pages forward only, so going back to newer rows drops the last.
 */
export interface Paged {
  cursors?: string[];
}

/** The pages of the console; the route lives in the URL hash so the gateway serves one file. */
export type Route =
  | { page: 'webhooks' }
  | { page: 'new-webhook' }
  | { page: 'webhook'; id: string }
  | ({ page: 'deliveries' } & DeliveryFilters & Paged)
  | { page: 'delivery'; id: string }
  | ({ page: 'dead-letters'; webhookId?: string; from?: string; to?: string } & Paged)
  | { page: 'account' };

const statuses: readonly string[] = ['pending', 'delivered', 'retrying', 'dead', 'cancelled'];

function readQuery(query: URLSearchParams) {
  const optional = (name: string) => query.get(name) || undefined;
  const status = optional('status');
  const cursors = query.getAll('cursor').filter(Boolean);
  return {
    webhookId: optional('webhook_id'),
    eventId: optional('event_id'),
    status: status && statuses.includes(status) ? (status as DeliveryStatus) : undefined,
    eventType: optional('event_type'),
    from: optional('from'),
    to: optional('to'),
    cursors: cursors.length > 0 ? cursors : undefined,
  };
}

/** `#/deliveries?webhook_id=…` and the like into a route; anything unknown is the webhooks list. */
export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = readQuery(new URLSearchParams(search));
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.includes(undefined)) return { page: 'webhooks' };
  switch (parts[0]) {
    case 'webhooks':
      if (parts[1] === 'new') return { page: 'new-webhook' };
      return parts[1] ? { page: 'webhook', id: parts[1] } : { page: 'webhooks' };
    case 'deliveries':
      return parts[1] ? { page: 'delivery', id: parts[1] } : { page: 'deliveries', ...query };
    case 'dead-letters': {
      const { webhookId, from, to, cursors } = query;
      return { page: 'dead-letters', webhookId, from, to, cursors };
    }
    case 'account':
      return { page: 'account' };
    default:
      return { page: 'webhooks' };
  }
}

function safeDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

function queryOf(values: Record<string, string | undefined>, cursors: string[] = []): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  for (const cursor of cursors) params.append('cursor', cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The href of a route, for links. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'webhooks':
      return '#/webhooks';
    case 'new-webhook':
      return '#/webhooks/new';
    case 'webhook':
      return `#/webhooks/${encodeURIComponent(route.id)}`;
    case 'deliveries': {
      const { webhookId, eventId, status, eventType, from, to, cursors } = route;
      const values = { webhook_id: webhookId, event_id: eventId, status, event_type: eventType };
      return `#/deliveries${queryOf({ ...values, from, to }, cursors)}`;
    }
    case 'delivery':
      return `#/deliveries/${encodeURIComponent(route.id)}`;
    case 'dead-letters': {
      const { webhookId, from, to, cursors } = route;
      return `#/dead-letters${queryOf({ webhook_id: webhookId, from, to }, cursors)}`;
    }
    case 'account':
      return '#/account';
  }
}
