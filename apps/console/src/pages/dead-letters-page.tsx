import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import { ReplayOutcome } from '../components/replay-outcome';
import { Empty, ErrorNote, Field, Loading, Notice } from '../components/ui';
import { WebhookPicker } from '../components/webhook-picker';
import { formatTime } from '../format';
import { hrefOf } from '../route';
import { useApi } from '../use-api';

/** A datetime-local value (the reader's zone) as the ISO instant the API wants. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function DeadLettersPage(props: { api: ApiClient; webhookId?: string }) {
  const { api, webhookId } = props;
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [replayed, setReplayed] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const webhooks = useApi(() => api.webhooks(), [api]);
  const range = { webhook_id: webhookId, from: instant(from), to: instant(to) };
  const list = useApi(
    () => api.deadLetters({ ...range, limit: 100 }),
    [api, webhookId, from, to],
    3_000,
  );

  const replayOne = async (deliveryId: string) => {
    setError(undefined);
    try {
      await api.replay(deliveryId);
      setReplayed(new Set(replayed).add(deliveryId));
    } catch (problem) {
      setError(describe(problem));
    }
  };

  const replayAll = async () => {
    setError(undefined);
    setNotice(undefined);
    if (!window.confirm('Replay every dead letter not yet replayed in this range?')) return;
    try {
      const { replayed: count } = await api.replayMany(range);
      setNotice(`${count} dead letter${count === 1 ? '' : 's'} replayed.`);
      const ids = (list.data?.data ?? [])
        .filter((d) => d.replayed_at === null)
        .map((d) => d.delivery_id);
      setReplayed(new Set([...replayed, ...ids]));
      list.reload();
    } catch (problem) {
      setError(describe(problem));
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Dead letters
      </h1>
      <div className="filters" role="search" aria-label="Filter dead letters">
        <Field id="dl-webhook" label="Webhook">
          <WebhookPicker
            id="dl-webhook"
            webhooks={webhooks.data?.data}
            value={webhookId}
            onChange={(id) =>
              (window.location.hash = hrefOf({ page: 'dead-letters', webhookId: id }))
            }
          />
        </Field>
        <Field id="dl-from" label="From">
          <input
            id="dl-from"
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </Field>
        <Field id="dl-to" label="Until">
          <input
            id="dl-to"
            type="datetime-local"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </Field>
        <button type="button" className="secondary" onClick={replayAll}>
          Replay all in range
        </button>
      </div>
      <Notice tone="ok">{notice}</Notice>
      <ErrorNote>{error}</ErrorNote>
      {list.loading && !list.data ? <Loading what="dead letters" /> : null}
      <ErrorNote>{list.error}</ErrorNote>
      {list.data && list.data.data.length === 0 ? (
        <Empty>
          No dead letters: every delivery in this range got through or is still being tried.
        </Empty>
      ) : null}
      {list.data && list.data.data.length > 0 ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Delivery</th>
                <th scope="col">Event</th>
                <th scope="col">Reason</th>
                <th scope="col">Dead since</th>
                <th scope="col">Replay</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((dead) => (
                <tr key={dead.delivery_id}>
                  <td className="mono">
                    <a href={hrefOf({ page: 'delivery', id: dead.delivery_id })}>
                      {dead.delivery_id.slice(0, 13)}…
                    </a>
                  </td>
                  <td>{dead.event_type}</td>
                  <td className="wrap small">{dead.reason}</td>
                  <td>{formatTime(dead.dead_lettered_at)}</td>
                  <td>
                    {replayed.has(dead.delivery_id) ? (
                      <ReplayOutcome api={api} deliveryId={dead.delivery_id} />
                    ) : dead.replayed_at ? (
                      <span className="muted small">replayed {formatTime(dead.replayed_at)}</span>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => replayOne(dead.delivery_id)}
                      >
                        Replay<span className="visually-hidden"> delivery {dead.delivery_id}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
