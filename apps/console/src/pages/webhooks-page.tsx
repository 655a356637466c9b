import type { ApiClient } from '../api/api-client';
import { HealthSummary } from '../components/endpoint-health';
import { Empty, EnabledBadge, ErrorNote, Loading } from '../components/ui';
import { WebhookForm } from '../components/webhook-form';
import { formatTime } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

export function WebhooksPage({ api }: { api: ApiClient }) {
  const list = useApi(() => api.webhooks(), [api]);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Webhooks
        </h1>
        <a className="button" href={hrefOf({ page: 'new-webhook' })}>
          New webhook
        </a>
      </div>
      {list.loading && !list.data ? <Loading what="webhooks" /> : null}
      <ErrorNote>{list.error}</ErrorNote>
      {list.data && list.data.data.length === 0 ? (
        <Empty>
          No webhooks yet. <a href={hrefOf({ page: 'new-webhook' })}>Create one</a> to receive every
          saved lead.
        </Empty>
      ) : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col">Health</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((webhook) => (
                <tr key={webhook.id}>
                  <td>
                    <a href={hrefOf({ page: 'webhook', id: webhook.id })}>{webhook.name}</a>
                  </td>
                  <td className="mono wrap">
                    {webhook.method} {webhook.url}
                  </td>
                  <td>{webhook.events.join(', ')}</td>
                  <td>
                    <EnabledBadge enabled={webhook.enabled} />
                    {webhook.disabled_reason ? (
                      <div className="muted small">{webhook.disabled_reason}</div>
                    ) : null}
                  </td>
                  <td>
                    <HealthSummary api={api} webhookId={webhook.id} />
                  </td>
                  <td>{formatTime(webhook.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function NewWebhookPage({ api }: { api: ApiClient }) {
  return (
    <section aria-labelledby="page-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'webhooks' })}>Webhooks</a> /
      </p>
      <h1 id="page-title" tabIndex={-1}>
        New webhook
      </h1>
      <WebhookForm
        submitLabel="Create webhook"
        onSubmit={async (input) => {
          const created = await api.createWebhook(input);
          window.location.hash = hrefOf({ page: 'webhook', id: created.id });
        }}
      />
    </section>
  );
}
