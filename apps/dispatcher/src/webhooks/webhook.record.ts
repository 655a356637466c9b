import { formatDuration } from '@leadhooks/retry-policy';
import type { WebhookMethod, WebhookView } from './webhook.schemas';
import { maskedHeaderValue } from './webhook-headers';

/** A row of dispatcher.webhook as the code uses it. */
export interface WebhookRecord {
  id: string;
  accountId: string;
  name: string;
  url: string;
  method: WebhookMethod;
  headers: Record<string, string>;
  enabled: boolean;
  events: string[];
  /** The webhook's own retry delays, ms; null: the deployment's schedule. */
  retryScheduleMs: number[] | null;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  disabledReason: string | null;
  disabledAt: Date | null;
  /** Failure history (decision 065): first failure since the last success, dead letters in a row. */
  failingSince: Date | null;
  consecutiveDeadLetters: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookRow {
  id: string;
  account_id: string;
  name: string;
  url: string;
  method: WebhookMethod;
  headers: Record<string, string>;
  enabled: boolean;
  events: string[];
  retry_schedule_ms: number[] | null;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  disabled_reason: string | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  consecutive_dead_letters: number;
  created_at: Date;
  updated_at: Date;
}

export function fromWebhookRow(row: WebhookRow): WebhookRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    url: row.url,
    method: row.method,
    headers: row.headers,
    enabled: row.enabled,
    events: row.events,
    retryScheduleMs: row.retry_schedule_ms,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    disabledReason: row.disabled_reason,
    disabledAt: row.disabled_at,
    failingSince: row.failing_since,
    consecutiveDeadLetters: row.consecutive_dead_letters,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toWebhookView(webhook: WebhookRecord): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    url: webhook.url,
    method: webhook.method,
    headers: Object.fromEntries(
      Object.keys(webhook.headers).map((name) => [name, maskedHeaderValue]),
    ),
    enabled: webhook.enabled,
    disabled_reason: webhook.disabledReason,
    disabled_at: webhook.disabledAt?.toISOString() ?? null,
    events: webhook.events,
    retry_schedule: webhook.retryScheduleMs?.map(formatDuration) ?? null,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  webhook: Pick<WebhookRecord, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] {
  const overlap =
    webhook.previousSecret !== null &&
    webhook.previousSecretExpiresAt !== null &&
    webhook.previousSecretExpiresAt.getTime() > now.getTime();
  return overlap && webhook.previousSecret !== null
    ? [webhook.secret, webhook.previousSecret]
    : [webhook.secret];
}
