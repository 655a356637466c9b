/** The pages of the console; the route lives in the URL hash so the gateway serves one file. */
export type Route =
  | { page: 'webhooks' }
  | { page: 'new-webhook' }
  | { page: 'webhook'; id: string }
  | { page: 'deliveries'; webhookId?: string; eventId?: string }
  | { page: 'delivery'; id: string }
  | { page: 'dead-letters'; webhookId?: string }
  | { page: 'account' };

/** `#/deliveries?webhook_id=…` and the like into a route; anything unknown is the webhooks list. */
export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.replace(/^#/, '').split('?', 2);
  const query = new URLSearchParams(search);
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  if (parts.includes(undefined)) return { page: 'webhooks' };
  const optional = (name: string) => query.get(name) || undefined;
  switch (parts[0]) {
    case 'webhooks':
      if (parts[1] === 'new') return { page: 'new-webhook' };
      return parts[1] ? { page: 'webhook', id: parts[1] } : { page: 'webhooks' };
    case 'deliveries':
      return parts[1]
        ? { page: 'delivery', id: parts[1] }
        : { page: 'deliveries', webhookId: optional('webhook_id'), eventId: optional('event_id') };
    case 'dead-letters':
      return { page: 'dead-letters', webhookId: optional('webhook_id') };
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

/** The href of a route, for links. */
export function hrefOf(route: Route): string {
  const query = (values: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
    const text = params.toString();
    return text ? `?${text}` : '';
  };
  switch (route.page) {
    case 'webhooks':
      return '#/webhooks';
    case 'new-webhook':
      return '#/webhooks/new';
    case 'webhook':
      return `#/webhooks/${encodeURIComponent(route.id)}`;
    case 'deliveries':
      return `#/deliveries${query({ webhook_id: route.webhookId, event_id: route.eventId })}`;
    case 'delivery':
      return `#/deliveries/${encodeURIComponent(route.id)}`;
    case 'dead-letters':
      return `#/dead-letters${query({ webhook_id: route.webhookId })}`;
    case 'account':
      return '#/account';
  }
}
