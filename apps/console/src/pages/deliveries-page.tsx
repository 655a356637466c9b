import { deliveryPage } from '../api/page-calls';
import type { ApiClient } from '../api/api-client';
import { DeliveryFiltersForm } from '../components/delivery-filters';
import { Pager } from '../components/pager';
import { Empty, ErrorNote, Loading, StatusBadge } from '../components/ui';
import { formatTime } from '../format';
import { hrefOf, type DeliveryFilters, type Paged } from '../route';
import { useApi } from '../use-api';

const pageSize = 50;

export function DeliveriesPage(props: { api: ApiClient; filters: DeliveryFilters & Paged }) {
  const { api, filters } = props;
  const { cursors, ...applied } = filters;
  const cursor = cursors?.at(-1);
  const webhooks = useApi(() => api.webhooks(), [api]);
  const appliedKey = hrefOf({ page: 'deliveries', ...applied });
  const list = useApi(
    () =>
      deliveryPage(api, {
        webhook_id: applied.webhookId,
        status: applied.status,
        event_type: applied.eventType,
        event_id: applied.eventId,
        from: applied.from,
        to: applied.to,
        cursor,
        limit: pageSize,
      }),
    [api, appliedKey, cursor],
    3_000,
  );
  const names = new Map((webhooks.data?.data ?? []).map((w) => [w.id, w.name]));
  const filtered = appliedKey !== hrefOf({ page: 'deliveries' });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Deliveries
      </h1>
      <DeliveryFiltersForm key={appliedKey} applied={applied} webhooks={webhooks.data?.data} />
      <p className="muted small">
        {pageSize} a page, newest first, refreshed every 3 s. The filters are kept in the address.
      </p>
      {list.loading && !list.data ? <Loading what="deliveries" /> : null}
      <ErrorNote>{list.error}</ErrorNote>
      {list.data && list.data.data.length === 0 ? (
        <Empty>
          {filtered
            ? 'No delivery matches these filters.'
            : "No deliveries yet. Save a lead, or send a test event from a webhook's page."}
        </Empty>
      ) : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Delivery</th>
                <th scope="col">Status</th>
                <th scope="col">Target</th>
                <th scope="col">Event</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((delivery) => (
                <tr key={delivery.id}>
                  <td className="mono">
                    <a href={hrefOf({ page: 'delivery', id: delivery.id })}>
                      {delivery.id.slice(0, 13)}…
                    </a>
                  </td>
                  <td>
                    <StatusBadge status={delivery.status} />
                  </td>
                  <td>
                    {delivery.webhook_id
                      ? (names.get(delivery.webhook_id) ?? 'webhook')
                      : 'webhook_url'}
                  </td>
                  <td>{delivery.event_type}</td>
                  <td>{delivery.attempts}</td>
                  <td className="wrap small">{delivery.last_error ?? ''}</td>
                  <td>{formatTime(delivery.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.data ? (
        <Pager
          label="Delivery pages"
          cursors={cursors}
          nextCursor={list.data.next_cursor}
          hrefWith={(walked) => hrefOf({ page: 'deliveries', ...applied, cursors: walked })}
        />
      ) : null}
    </section>
  );
}
