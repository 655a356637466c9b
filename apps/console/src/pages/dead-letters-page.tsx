import { useState } from 'react';
import type { ApiClient } from '../api/api-client';
import { describe } from '../api/api-problem';
import { ReplayOutcome } from '../components/replay-outcome';
import { deadLetterPage } from '../api/page-calls';
import { DeadLetterFiltersForm, type DeadLetterRange } from '../components/dead-letter-filters';
import { Pager } from '../components/pager';
import { Empty, ErrorNote, Loading, Notice } from '../components/ui';
import { formatTime } from '../format';
import { hrefOf, type Paged } from '../route';
import { useApi } from '../use-api';

// The dispatcher replays at most this many a call (maxBulkReplay); more: call again.
const bulkReplayBound = 1_000;
const pageSize = 50;

export function DeadLettersPage(props: { api: ApiClient; route: DeadLetterRange & Paged }) {
  const { api } = props;
  const { webhookId, from, to, cursors } = props.route;
  const cursor = cursors?.at(-1);
  const [replayed, setReplayed] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();
  const webhooks = useApi(() => api.webhooks(), [api]);
  const range = { webhook_id: webhookId, from, to };
  const list = useApi(
    () => deadLetterPage(api, { ...range, cursor, limit: pageSize }),
    [api, webhookId, from, to, cursor],
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
      const more =
        count === bulkReplayBound ? ' More may remain: replay again for the next ones.' : '';
      setNotice(`${count} dead letter${count === 1 ? '' : 's'} replayed.${more}`);
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
      <DeadLetterFiltersForm
        key={hrefOf({ page: 'dead-letters', webhookId, from, to })}
        applied={{ webhookId, from, to }}
        webhooks={webhooks.data?.data}
      />
      <div className="actions">
        <button type="button" className="secondary" onClick={replayAll}>
          Replay all in range
        </button>
        <span className="muted small">
          {webhookId ? 'Of this webhook' : 'Of every webhook'}
          {from || to ? ` dead from ${formatTime(from)} to ${formatTime(to)}` : ', any time'}; up to{' '}
          {bulkReplayBound} a click.
        </span>
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
      {list.data ? (
        <Pager
          label="Dead letter pages"
          cursors={cursors}
          nextCursor={list.data.next_cursor}
          hrefWith={(walked) =>
            hrefOf({ page: 'dead-letters', webhookId, from, to, cursors: walked })
          }
        />
      ) : null}
    </section>
  );
}
