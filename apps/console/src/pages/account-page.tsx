import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import { OperationalWebhookPanel } from '../components/operational-webhook-panel';
import { Empty, ErrorNote, Loading, StatusBadge } from '../components/ui';
import { formatTime, maskSecret } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

export function AccountPage({ api }: { api: ApiClient }) {
  const [secret, setSecret] = useState<string>();
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string>();
  // Lookup deliveries have no webhook: the API cannot filter on that, so among the newest 100.
  const deliveries = useApi(() => api.deliveries({ limit: 100 }), [api]);
  const lookups = (deliveries.data?.data ?? []).filter((delivery) => delivery.webhook_id === null);

  const reveal = async () => {
    try {
      setSecret((await api.webhookUrlSecret()).secret);
      setShown(true);
    } catch (problem) {
      setError(describe(problem));
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Account
      </h1>
      <section className="card" aria-labelledby="wurl-title">
        <h2 id="wurl-title">webhook_url secret</h2>
        <p className="muted">
          Signs the deliveries of lookups called with <code>?webhook_url=</code>.
        </p>
        {secret ? (
          <p>
            <code className="secret">{shown ? secret : maskSecret(secret)}</code>{' '}
            <button type="button" className="secondary" onClick={() => setShown(!shown)}>
              {shown ? 'Hide' : 'Show'}
            </button>
          </p>
        ) : (
          <button type="button" className="secondary" onClick={reveal}>
            Reveal secret
          </button>
        )}
        <ErrorNote>{error}</ErrorNote>
      </section>
      <OperationalWebhookPanel api={api} />
      <section className="card" aria-labelledby="lookups-title">
        <h2 id="lookups-title">Recent lookup deliveries</h2>
        {deliveries.loading && !deliveries.data ? <Loading what="deliveries" /> : null}
        <ErrorNote>{deliveries.error}</ErrorNote>
        {deliveries.data && lookups.length === 0 ? (
          <Empty>No lookup was called with webhook_url among the latest 100 deliveries.</Empty>
        ) : null}
        {lookups.length > 0 ? (
          <ul className="plain">
            {lookups.map((delivery) => (
              <li key={delivery.id}>
                <StatusBadge status={delivery.status} />{' '}
                <a className="mono" href={hrefOf({ page: 'delivery', id: delivery.id })}>
                  {delivery.url ?? delivery.id}
                </a>{' '}
                <span className="muted small">{formatTime(delivery.created_at)}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </section>
  );
}
