import type { ApiClient } from '../api/api-client';
import { readHealth, type EndpointHealthWindow } from '../api/health-calls';
import { formatTime } from '../format';
import { formatMs, formatRate, healthSummary, healthTone } from '../health-words';
import { hrefOf } from '../route';
import { useApi } from '../use-api';
import { ErrorNote, Loading } from './ui';

const toneWords = { ok: 'healthy', warn: 'failing at times', bad: 'failing', quiet: 'quiet' };

function WindowFigures({ title, figures }: { title: string; figures: EndpointHealthWindow }) {
  return (
    <div className="health-window">
      <h3>{title}</h3>
      <dl className="facts">
        <dt>Deliveries</dt>
        <dd>
          {figures.deliveries}{' '}
          <span className="muted small">
            ({figures.delivered} delivered, {figures.dead} dead, {figures.in_flight} in flight)
          </span>
        </dd>
        <dt>Success rate</dt>
        <dd>{formatRate(figures.success_rate)}</dd>
        <dt>Attempts</dt>
        <dd>
          {figures.attempts} <span className="muted small">({figures.failed_attempts} failed)</span>
        </dd>
        <dt>Duration p50</dt>
        <dd>{formatMs(figures.attempt_duration_p50_ms)}</dd>
        <dt>Duration p95</dt>
        <dd>{formatMs(figures.attempt_duration_p95_ms)}</dd>
      </dl>
    </div>
  );
}

/** The webhook page's health card, read again every 5 s while the page is open. */
export function EndpointHealthCard({ api, webhookId }: { api: ApiClient; webhookId: string }) {
  const health = useApi(() => readHealth(api, webhookId), [api, webhookId], 5_000);
  const current = health.data;
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">Endpoint health</h2>
      {health.loading && !current ? <Loading what="endpoint health" /> : null}
      <ErrorNote>{health.error}</ErrorNote>
      {current ? (
        <>
          {current.disabled_reason ? (
            <p className="error">
              Disabled {formatTime(current.disabled_at)}: {current.disabled_reason}
            </p>
          ) : null}
          {current.failing_since ? (
            <p className="notice">
              Every attempt has failed since {formatTime(current.failing_since)}
              {current.consecutive_dead_letters > 0
                ? `; ${current.consecutive_dead_letters} dead letters in a row`
                : ''}
              .
            </p>
          ) : null}
          <div className="health-windows">
            <WindowFigures title="Last hour" figures={current.last_hour} />
            <WindowFigures title="Last 24 hours" figures={current.last_day} />
          </div>
          <p>
            <strong>Last error: </strong>
            {current.last_error ? (
              <>
                <span className="wrap">{current.last_error.message}</span>{' '}
                <a href={hrefOf({ page: 'delivery', id: current.last_error.delivery_id })}>
                  {formatTime(current.last_error.at)}
                </a>
              </>
            ) : (
              <span className="muted">none in the last 24 hours</span>
            )}
          </p>
          <p className="muted small">
            Deliveries count in the window they were created in, with all their attempts; the
            success rate is over those delivered or dead.
          </p>
        </>
      ) : null}
    </section>
  );
}

/** The webhooks list's compact status: a dot, a word and the last hour in figures. */
export function HealthSummary({ api, webhookId }: { api: ApiClient; webhookId: string }) {
  // Read once: a list of many webhooks polling each would cost the API a query per row per tick.
  const health = useApi(() => readHealth(api, webhookId), [api, webhookId]);
  if (health.error) return <span className="error small">{health.error}</span>;
  if (!health.data) return <span className="muted small">…</span>;
  const tone = healthTone(health.data.enabled, health.data.last_hour);
  return (
    <span className={`health health-${tone}`}>
      <span className="health-word">{toneWords[tone]}</span>{' '}
      <span className="small">{healthSummary(health.data.last_hour)}</span>
    </span>
  );
}
