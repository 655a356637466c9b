import { hrefOf, parseRoute, type Route } from './route';

describe(parseRoute.name, () => {
  it.each<[string, Route]>([
    ['', { page: 'webhooks' }],
    ['#/', { page: 'webhooks' }],
    ['#/nowhere/at/all', { page: 'webhooks' }],
    ['#/webhooks', { page: 'webhooks' }],
    ['#/webhooks/new', { page: 'new-webhook' }],
    ['#/webhooks/abc', { page: 'webhook', id: 'abc' }],
    ['#/deliveries', { page: 'deliveries', webhookId: undefined, eventId: undefined }],
    ['#/deliveries?webhook_id=w1', { page: 'deliveries', webhookId: 'w1', eventId: undefined }],
    ['#/deliveries/d%2F1', { page: 'delivery', id: 'd/1' }],
    ['#/dead-letters?webhook_id=w2', { page: 'dead-letters', webhookId: 'w2' }],
    ['#/deliveries?status=lost', { page: 'deliveries', status: undefined }],
    ['#/deliveries?cursor=a&cursor=b', { page: 'deliveries', cursors: ['a', 'b'] }],
    ['#/deliveries?cursor=', { page: 'deliveries', cursors: undefined }],
    ['#/account', { page: 'account' }],
  ])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads back every href it writes', () => {
    const routes: Route[] = [
      { page: 'webhook', id: 'a b/c' },
      { page: 'deliveries', webhookId: 'w', eventId: 'e&x' },
      { page: 'delivery', id: '<script>' },
      { page: 'dead-letters', webhookId: 'w' },
      {
        page: 'deliveries',
        status: 'dead',
        eventType: 'save_lead',
        from: '2026-12-01T00:00:00.000Z',
        to: '2026-12-02T00:00:00.000Z',
        cursors: ['c1', 'c+2/='],
      },
      { page: 'dead-letters', from: '2026-12-01T00:00:00.000Z', cursors: ['only'] },
    ];
    for (const route of routes) expect(parseRoute(hrefOf(route))).toEqual(route);
  });

  it('does not throw on a hostile hash', () => {
    expect(parseRoute('#/webhooks/%E0%A4%A')).toEqual({ page: 'webhooks' });
  });
});
