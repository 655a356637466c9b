import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import { EndpointHealthCard } from '../components/endpoint-health';
import { SecretPanel } from '../components/secret-panel';
import { EnabledBadge, ErrorNote, Loading, Notice } from '../components/ui';
import { WebhookForm } from '../components/webhook-form';
import { formatTime } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

export function WebhookPage({ api, id }: { api: ApiClient; id: string }) {
  const webhook = useApi(() => api.webhook(id), [api, id]);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState(false);

  const sendTest = async () => {
    setError(undefined);
    setNotice(undefined);
    try {
      const { delivery_id } = await api.sendTest(id);
      setNotice(`Test event sent: delivery ${delivery_id}.`);
    } catch (problem) {
      setError(describe(problem));
    }
  };

  const remove = async () => {
    if (!window.confirm('Delete this webhook? Its pending retries are cancelled.')) return;
    try {
      await api.deleteWebhook(id);
      window.location.hash = hrefOf({ page: 'webhooks' });
    } catch (problem) {
      setError(describe(problem));
    }
  };

  const current = webhook.data;
  return (
    <section aria-labelledby="page-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'webhooks' })}>Webhooks</a> /
      </p>
      <h1 id="page-title" tabIndex={-1}>
        {current?.name ?? 'Webhook'}
      </h1>
      {webhook.loading && !current ? <Loading what="the webhook" /> : null}
      <ErrorNote>{webhook.error}</ErrorNote>
      {current ? (
        <>
          <div className="card">
            <dl className="facts">
              <dt>URL</dt>
              <dd className="mono wrap">
                {current.method} {current.url}
              </dd>
              <dt>Events</dt>
              <dd>{current.events.join(', ')}</dd>
              <dt>State</dt>
              <dd>
                <EnabledBadge enabled={current.enabled} />{' '}
                {current.disabled_reason ? <span>{current.disabled_reason}</span> : null}
              </dd>
              <dt>Extra headers</dt>
              <dd className="mono">
                {Object.keys(current.headers).length === 0
                  ? 'none'
                  : Object.entries(current.headers)
                      .map(([name, value]) => `${name}: ${value}`)
                      .join(', ')}
              </dd>
              <dt>Created</dt>
              <dd>{formatTime(current.created_at)}</dd>
              <dt>Id</dt>
              <dd className="mono">{current.id}</dd>
            </dl>
            <div className="actions">
              <button type="button" onClick={sendTest}>
                Send test event
              </button>
              <a className="button secondary" href={hrefOf({ page: 'deliveries', webhookId: id })}>
                Deliveries
              </a>
              <a
                className="button secondary"
                href={hrefOf({ page: 'dead-letters', webhookId: id })}
              >
                Dead letters
              </a>
              <button
                type="button"
                className="secondary"
                onClick={() => setEditing(!editing)}
                aria-expanded={editing}
              >
                {editing ? 'Close editor' : 'Edit'}
              </button>
              <button type="button" className="danger" onClick={remove}>
                Delete
              </button>
            </div>
            <Notice tone="ok">{notice}</Notice>
            <ErrorNote>{error}</ErrorNote>
          </div>
          {editing ? (
            <section aria-labelledby="edit-title">
              <h2 id="edit-title">Edit</h2>
              <WebhookForm
                key={current.updated_at}
                webhook={current}
                submitLabel="Save changes"
                onSubmit={async (input) => {
                  await api.updateWebhook(id, input);
                  setEditing(false);
                  setNotice('Saved.');
                  webhook.reload();
                }}
              />
            </section>
          ) : null}
          <EndpointHealthCard api={api} webhookId={id} />
          <SecretPanel reveal={() => api.webhookSecret(id)} rotate={() => api.rotateSecret(id)} />
        </>
      ) : null}
    </section>
  );
}
