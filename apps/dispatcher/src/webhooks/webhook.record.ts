import { formatDuration } from '@leadhooks/retry-policy';
import type { EventFilter } from '../filters/event-filter.schema';
import type { SignatureScheme, WebhookMethod, WebhookView } from './webhook.schemas';
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
  /** `v1` (HMAC with `secret`), `v1a` (ed25519 with `signingKey`), or both (decision 075). */
  signatureSchemes: SignatureScheme[];
  /** `whsk_` ed25519 key; never leaves the dispatcher. Null on webhooks made before 075 until asked for. */
  signingKey: string | null;
  previousSigningKey: string | null;
  previousSigningKeyExpiresAt: Date | null;
  /** Only events whose body matches are delivered (decision 076); null: every event. */
  filter: EventFilter | null;
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
  signature_schemes: SignatureScheme[];
  signing_key: string | null;
  previous_signing_key: string | null;
  previous_signing_key_expires_at: Date | null;
  filter: EventFilter | null;
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
    signatureSchemes: row.signature_schemes,
    signingKey: row.signing_key,
    previousSigningKey: row.previous_signing_key,
    previousSigningKeyExpiresAt: row.previous_signing_key_expires_at,
    filter: row.filter,
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
    signature_schemes: webhook.signatureSchemes,
    filter: webhook.filter,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(
  webhook: Pick<WebhookRecord, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  now: Date,
): string[] {
  return withOverlap(webhook.secret, webhook.previousSecret, webhook.previousSecretExpiresAt, now);
}

/**
 * What signs an attempt now, as the webhook's schemes say: HMAC secrets for `v1`, ed25519
 * keys for `v1a`, each with its predecessor while a rotation overlaps. A `v1a` webhook
 * without a key (never the case once saved through the API) falls back to `v1` so that
 * nothing goes out unsigned.
 */
export function signingMaterial(
  webhook: WebhookRecord,
  now: Date,
): { secrets: string[]; signingKeys: string[] } {
  const signingKeys =
    webhook.signatureSchemes.includes('v1a') && webhook.signingKey !== null
      ? withOverlap(
          webhook.signingKey,
          webhook.previousSigningKey,
          webhook.previousSigningKeyExpiresAt,
          now,
        )
      : [];
  const hmac = webhook.signatureSchemes.includes('v1') || signingKeys.length === 0;
  return { secrets: hmac ? signingSecrets(webhook, now) : [], signingKeys };
}

function withOverlap(
  current: string,
  previous: string | null,
  previousExpiresAt: Date | null,
  now: Date,
): string[] {
  const overlap =
    previous !== null && previousExpiresAt !== null && previousExpiresAt.getTime() > now.getTime();
  return overlap && previous !== null ? [current, previous] : [current];
}
