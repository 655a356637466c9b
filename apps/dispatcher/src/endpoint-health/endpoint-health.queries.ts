import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toEndpointHealth, type EndpointHealthRow } from './endpoint-health.figures';
import type { EndpointHealthView } from './endpoint-health.views';

/**
 * One statement, two rows (the hour, the day). Only the webhook's deliveries created in
 * the last day are read, through delivery_webhook_created_idx (webhook_id, created_at),
 * and their attempts through attempt_delivery_idx: the cost is the webhook's own last day,
 * whatever the size of the log. A delivery counts in the window it was created in, with
 * all its attempts (an index on updated_at would cost every status write its HOT update).
 */
export const endpointHealthSql = `
WITH webhook AS (
  SELECT id, enabled, disabled_reason, disabled_at, failing_since, consecutive_dead_letters
    FROM dispatcher.webhook WHERE account_id = $1 AND id = $2
), windows (name, since) AS (
  VALUES ('hour', $3::timestamptz - interval '1 hour'), ('day', $3::timestamptz - interval '1 day')
), recent AS (
  SELECT id, status, created_at FROM dispatcher.delivery
   WHERE webhook_id = $2 AND account_id = $1 AND created_at >= $3::timestamptz - interval '1 day'
), tried AS (
  SELECT a.delivery_id, a.duration_ms, a.finished_at, r.created_at,
         COALESCE(a.status_code BETWEEN 200 AND 299, false) AS ok,
         COALESCE(a.error_kind || ': ' || COALESCE(a.error_message, ''), 'HTTP ' || a.status_code) AS error
    FROM dispatcher.attempt a JOIN recent r ON r.id = a.delivery_id
)
SELECT w.name AS window, wh.enabled, wh.disabled_reason, wh.consecutive_dead_letters,
       to_json(wh.disabled_at) #>> '{}' AS disabled_at, to_json(wh.failing_since) #>> '{}' AS failing_since,
       d.deliveries, d.delivered, d.dead, d.in_flight,
       a.attempts, a.failed_attempts, a.p50, a.p95,
       e.error AS last_error, to_json(e.finished_at) #>> '{}' AS last_error_at, e.delivery_id AS last_error_delivery_id
  FROM webhook wh
 CROSS JOIN windows w
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS deliveries,
          (count(*) FILTER (WHERE status = 'delivered'))::int AS delivered,
          (count(*) FILTER (WHERE status = 'dead'))::int AS dead,
          (count(*) FILTER (WHERE status IN ('pending', 'retrying')))::int AS in_flight
     FROM recent WHERE created_at >= w.since) d
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS attempts, (count(*) FILTER (WHERE NOT ok))::int AS failed_attempts,
          percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
          percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
     FROM tried WHERE created_at >= w.since) a
  LEFT JOIN LATERAL (
   SELECT error, finished_at, delivery_id FROM tried WHERE NOT ok
    ORDER BY finished_at DESC, delivery_id DESC LIMIT 1) e ON true`;

/** A webhook's endpoint health, within one account. */
@Injectable()
export class EndpointHealthQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Undefined when the account has no such webhook. */
  async health(
    accountId: string,
    webhookId: string,
    asOf: Date = new Date(),
  ): Promise<EndpointHealthView | undefined> {
    const rows: EndpointHealthRow[] = await this.dataSource.query(endpointHealthSql, [
      accountId,
      webhookId,
      asOf,
    ]);
    return toEndpointHealth(webhookId, asOf, rows);
  }
}
