import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api/api-client';
import { Empty, ErrorNote, Field, Loading, StatusBadge } from '../components/ui';
import { WebhookPicker } from '../components/webhook-picker';
import { formatTime } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

// The API answers at most 100 a page, newest first; this page does not follow next_cursor yet.
const pageSize = 100;

export function DeliveriesPage(props: { api: ApiClient; webhookId?: string; eventId?: string }) {
  const { api, webhookId, eventId } = props;
  const webhooks = useApi(() => api.webhooks(), [api]);
  const list = useApi(
    () => api.deliveries({ webhook_id: webhookId, event_id: eventId, limit: pageSize }),
    [api, webhookId, eventId],
    3_000,
  );
  const [eventDraft, setEventDraft] = useState(eventId ?? '');
  const names = new Map((webhooks.data?.data ?? []).map((w) => [w.id, w.name]));

  const applyEvent = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = hrefOf({
      page: 'deliveries',
      webhookId,
      eventId: eventDraft.trim() || undefined,
    });
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Deliveries
      </h1>
      <form className="filters" onSubmit={applyEvent} role="search" aria-label="Filter deliveries">
        <Field id="filter-webhook" label="Webhook">
          <WebhookPicker
            id="filter-webhook"
            webhooks={webhooks.data?.data}
            value={webhookId}
            onChange={(id) =>
              (window.location.hash = hrefOf({ page: 'deliveries', webhookId: id, eventId }))
            }
          />
        </Field>
        <Field id="filter-event" label="Event id">
          <input
            id="filter-event"
            value={eventDraft}
            onChange={(e) => setEventDraft(e.target.value)}
          />
        </Field>
        <button type="submit" className="secondary">
          Filter
        </button>
      </form>
      <p className="muted small">
        The newest {pageSize}, refreshed every 3 s. Filters by status, event type or time are not in
        the API yet.
      </p>
      {list.loading && !list.data ? <Loading what="deliveries" /> : null}
      <ErrorNote>{list.error}</ErrorNote>
      {list.data && list.data.data.length === 0 ? (
        <Empty>
          No deliveries yet. Save a lead, or send a test event from a webhook&apos;s page.
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
    </section>
  );
}
