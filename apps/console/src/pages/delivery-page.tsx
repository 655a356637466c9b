import type { ApiClient } from '../api/api-client';
import type { DeliveryDetail } from '../api/types';
import { Empty, ErrorNote, Loading, StatusBadge } from '../components/ui';
import { formatTime, prettyBody } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

const settled = new Set(['delivered', 'dead', 'cancelled']);

/** The headers every delivery carries; the signature is a secret's work, so it is masked. */
function sentHeaders(delivery: DeliveryDetail): [string, string][] {
  return [
    ['content-type', 'application/json'],
    ['webhook-id', delivery.id],
    ['webhook-timestamp', 'the attempt\u2019s time, in seconds'],
    ['webhook-signature', 'v1,•••••••• (HMAC-SHA256 with the signing secret)'],
  ];
}

export function DeliveryPage({ api, id }: { api: ApiClient; id: string }) {
  // Until the delivery settles its attempts are still coming: read it again every 2 s.
  const delivery = useApi(() => api.delivery(id), [api, id], 2_000);
  const current = delivery.data;
  const webhookId = current?.webhook_id ?? undefined;
  const webhook = useApi(
    () => (webhookId ? api.webhook(webhookId) : Promise.resolve(undefined)),
    [api, webhookId],
  );
  return (
    <section aria-labelledby="page-title">
      <p className="crumbs">
        <a href={hrefOf({ page: 'deliveries' })}>Deliveries</a> /
      </p>
      <h1 id="page-title" tabIndex={-1}>
        Delivery <span className="mono">{id}</span>
      </h1>
      {delivery.loading && !current ? <Loading what="the delivery" /> : null}
      <ErrorNote>{delivery.error}</ErrorNote>
      {current ? (
        <>
          <div className="card">
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge status={current.status} />
                {settled.has(current.status) ? null : (
                  <span className="muted small"> updating…</span>
                )}
              </dd>
              <dt>Event</dt>
              <dd>
                {current.event_type} <span className="mono small">{current.event_id}</span>
              </dd>
              <dt>Target</dt>
              <dd className="mono wrap">
                {current.webhook_id ? (
                  <a href={hrefOf({ page: 'webhook', id: current.webhook_id })}>
                    {webhook.data?.name ?? 'its webhook'}
                  </a>
                ) : (
                  (current.url ?? 'webhook_url')
                )}
              </dd>
              <dt>Attempts</dt>
              <dd>{current.attempts}</dd>
              <dt>Last error</dt>
              <dd>{current.last_error ?? 'none'}</dd>
              <dt>Created</dt>
              <dd>{formatTime(current.created_at)}</dd>
            </dl>
          </div>
          <section className="card" aria-labelledby="attempts-title">
            <h2 id="attempts-title">Attempts</h2>
            {current.attempts_log.length === 0 ? (
              <Empty>No attempt yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">Answer</th>
                      <th scope="col">Duration</th>
                      <th scope="col">Error</th>
                      <th scope="col">Response</th>
                      <th scope="col">Started</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.attempts_log.map((attempt) => (
                      <tr key={attempt.attempt_number + attempt.started_at}>
                        <td>{attempt.attempt_number}</td>
                        <td>
                          <span
                            className={`badge ${attempt.status_code !== null && attempt.status_code < 300 ? 'badge-delivered' : 'badge-dead'}`}
                          >
                            {attempt.status_code ?? 'no answer'}
                          </span>
                        </td>
                        <td>{attempt.duration_ms} ms</td>
                        <td className="wrap small">
                          {attempt.error_kind
                            ? `${attempt.error_kind}: ${attempt.error_message ?? ''}`
                            : ''}
                        </td>
                        <td className="mono wrap small">{attempt.response_snippet ?? ''}</td>
                        <td>{formatTime(attempt.started_at)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="request-title">
            <h2 id="request-title">Request</h2>
            <h3>Headers</h3>
            <dl className="facts mono small">
              {sentHeaders(current).map(([name, value]) => (
                <div key={name} className="fact-row">
                  <dt>{name}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {current.webhook_id ? (
              <p className="muted small">
                Plus the webhook&apos;s own extra headers, values hidden (see{' '}
                <a href={hrefOf({ page: 'webhook', id: current.webhook_id })}>the webhook</a>).
              </p>
            ) : null}
            <h3>Body</h3>
            {current.body === undefined ? (
              <p className="muted">This dispatcher does not return the body.</p>
            ) : current.body === null ? (
              <p className="muted">
                The body is no longer kept (the dispatcher&apos;s body retention); the rest of the
                log is.
              </p>
            ) : (
              <pre className="body" tabIndex={0} aria-label="Body sent">
                {prettyBody(current.body)}
              </pre>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
