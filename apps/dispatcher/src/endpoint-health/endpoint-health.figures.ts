import type { EndpointHealthView, EndpointHealthWindowView } from './endpoint-health.views';

/** One row of the health query: the webhook's state (repeated) and one window's figures. */
export interface EndpointHealthRow {
  window: 'hour' | 'day';
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: string | null;
  failing_since: string | null;
  consecutive_dead_letters: number;
  deliveries: number;
  delivered: number;
  dead: number;
  in_flight: number;
  attempts: number;
  failed_attempts: number;
  /** percentile_cont's interpolated milliseconds; null without attempts. */
  p50: number | null;
  p95: number | null;
  last_error: string | null;
  last_error_at: string | null;
  last_error_delivery_id: string | null;
}

/** The query's two rows as the API's view; undefined when there are none (no such webhook). */
export function toEndpointHealth(
  webhookId: string,
  asOf: Date,
  rows: EndpointHealthRow[],
): EndpointHealthView | undefined {
  const hour = rows.find((row) => row.window === 'hour');
  const day = rows.find((row) => row.window === 'day');
  if (hour === undefined || day === undefined) return undefined;
  return {
    webhook_id: webhookId,
    as_of: asOf.toISOString(),
    enabled: day.enabled,
    disabled_reason: day.disabled_reason,
    disabled_at: day.disabled_at,
    failing_since: day.failing_since,
    consecutive_dead_letters: day.consecutive_dead_letters,
    last_error:
      day.last_error !== null && day.last_error_at !== null && day.last_error_delivery_id !== null
        ? {
            message: day.last_error,
            at: day.last_error_at,
            delivery_id: day.last_error_delivery_id,
          }
        : null,
    last_hour: windowFigures(hour),
    last_day: windowFigures(day),
  };
}

/** Success rate over the settled deliveries only: one still retrying has no verdict yet. */
export function windowFigures(row: EndpointHealthRow): EndpointHealthWindowView {
  const settled = row.delivered + row.dead;
  return {
    deliveries: row.deliveries,
    delivered: row.delivered,
    dead: row.dead,
    in_flight: row.in_flight,
    success_rate: settled === 0 ? null : row.delivered / settled,
    attempts: row.attempts,
    failed_attempts: row.failed_attempts,
    attempt_duration_p50_ms: row.p50 === null ? null : Math.round(row.p50),
    attempt_duration_p95_ms: row.p95 === null ? null : Math.round(row.p95),
  };
}
