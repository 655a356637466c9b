import { isUniqueViolation } from '@leadhooks/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fromWebhookRow, type WebhookRecord, type WebhookRow } from './webhook.record';
import { Batcher } from '../batching/batcher';
import { WebhookCache } from './webhook-cache';

interface SubscriberQuery {
  accountId: string;
  eventType: string;
}

/**
 * SQL over dispatcher.webhook. Every query is scoped to one account. Every write forgets
 * the webhook in this process's `WebhookCache`, so its own changes apply at once.
 */
@Injectable()
export class WebhooksStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: WebhookCache,
  ) {}

  async insert(webhook: WebhookRecord): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO dispatcher.webhook
         (id, account_id, name, url, method, headers, enabled, events, secret, created_at, updated_at,
          retry_schedule_ms, signature_schemes, signing_key, filter)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14)
       ON CONFLICT ON CONSTRAINT webhook_account_name_unique DO NOTHING
       RETURNING id`,
      [
        webhook.id,
        webhook.accountId,
        webhook.name,
        webhook.url,
        webhook.method,
        JSON.stringify(webhook.headers),
        webhook.enabled,
        webhook.events,
        webhook.secret,
        webhook.createdAt,
        webhook.retryScheduleMs,
        webhook.signatureSchemes,
        webhook.signingKey,
        jsonOrNull(webhook.filter),
      ],
    );
    this.cache.invalidate(webhook.accountId, webhook.id);
    return rows.length > 0;
  }

  /** Oldest first by (created_at, id), after `after` when given; at most `limit` rows. */
  async list(
    accountId: string,
    page: { limit: number; after?: { createdAt: Date; id: string } },
  ): Promise<WebhookRecord[]> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT * FROM dispatcher.webhook
        WHERE account_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [accountId, page.after?.createdAt ?? null, page.after?.id ?? null, page.limit],
    );
    return rows.map(fromWebhookRow);
  }

  async find(accountId: string, id: string): Promise<WebhookRecord | undefined> {
    const rows: WebhookRow[] = await this.dataSource.query(
      `SELECT * FROM dispatcher.webhook WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return rows.length > 0 ? fromWebhookRow(rows[0]) : undefined;
  }

  /**
   * `find` for a delivery attempt: may be up to `DISPATCHER_WEBHOOK_CACHE_MS` old when the
   * change was made by another process (decision 013). The API reads with `find`.
   */
  findForAttempt(accountId: string, id: string): Promise<WebhookRecord | undefined> {
    return this.cache.get(accountId, id, () => this.find(accountId, id));
  }

  /**
   * The webhooks an event of `eventType` in `accountId` goes to, read when asked (never
   * cached: a webhook created a moment ago gets the next event). Fan-out asks for many
   * events at once; their reads share one query (decision 051).
   */
  subscribers(accountId: string, eventType: string): Promise<WebhookRecord[]> {
    return this.subscriberReads.submit({ accountId, eventType });
  }

  private readonly subscriberReads = new Batcher<SubscriberQuery, WebhookRecord[]>(
    async (queries) => {
      const accounts = [...new Set(queries.map((query) => query.accountId))];
      const rows: WebhookRow[] = await this.dataSource.query(
        `SELECT * FROM dispatcher.webhook WHERE account_id = ANY ($1::uuid[]) AND enabled ORDER BY id`,
        [accounts],
      );
      const webhooks = rows.map(fromWebhookRow);
      return queries.map(({ accountId, eventType }) =>
        webhooks.filter(
          (webhook) => webhook.accountId === accountId && webhook.events.includes(eventType),
        ),
      );
    },
    { maxBatch: 500, maxInFlight: 2 },
  );

  /** Saves the changed fields; a change of name onto another webhook's name returns 'conflict'. */
  async update(
    webhook: WebhookRecord,
    { resetFailures }: { resetFailures: boolean },
  ): Promise<'ok' | 'conflict' | 'missing'> {
    try {
      const result: [unknown[], number] = await this.dataSource.query(
        `UPDATE dispatcher.webhook
            SET name = $3, url = $4, method = $5, headers = $6, enabled = $7, events = $8,
                disabled_reason = $9, updated_at = $10, retry_schedule_ms = $11, disabled_at = $12,
                failing_since = CASE WHEN $13 THEN NULL ELSE failing_since END,
                consecutive_dead_letters = CASE WHEN $13 THEN 0 ELSE consecutive_dead_letters END,
                signature_schemes = $14, filter = $15,
                -- Only fills a missing key: a rotation running meanwhile is never undone.
                signing_key = COALESCE(signing_key, $16)
          WHERE account_id = $1 AND id = $2`,
        [
          webhook.accountId,
          webhook.id,
          webhook.name,
          webhook.url,
          webhook.method,
          JSON.stringify(webhook.headers),
          webhook.enabled,
          webhook.events,
          webhook.disabledReason,
          webhook.updatedAt,
          webhook.retryScheduleMs,
          webhook.disabledAt,
          resetFailures,
          webhook.signatureSchemes,
          jsonOrNull(webhook.filter),
          webhook.signingKey,
        ],
      );
      return result[1] > 0 ? 'ok' : 'missing';
    } catch (error) {
      if (isUniqueViolation(error, 'webhook_account_name_unique')) return 'conflict';
      throw error;
    } finally {
      this.cache.invalidate(webhook.accountId, webhook.id);
    }
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM dispatcher.webhook WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    this.cache.invalidate(accountId, id);
    return result[1] > 0;
  }

  rotateSecret(
    accountId: string,
    id: string,
    secret: string,
    overlapUntil: Date,
  ): Promise<WebhookRecord | undefined> {
    return this.updateReturning(
      accountId,
      id,
      `previous_secret = secret, previous_secret_expires_at = $4, secret = $3`,
      [secret, overlapUntil],
    );
  }

  rotateSigningKey(
    accountId: string,
    id: string,
    signingKey: string,
    overlapUntil: Date,
  ): Promise<WebhookRecord | undefined> {
    return this.updateReturning(
      accountId,
      id,
      `previous_signing_key = signing_key, previous_signing_key_expires_at = $4, signing_key = $3`,
      [signingKey, overlapUntil],
    );
  }

  /** Gives the webhook `signingKey` unless it has one already (then keeps and returns that). */
  ensureSigningKey(
    accountId: string,
    id: string,
    signingKey: string,
  ): Promise<WebhookRecord | undefined> {
    return this.updateReturning(accountId, id, `signing_key = COALESCE(signing_key, $3)`, [
      signingKey,
    ]);
  }

  /** One UPDATE ... SET `assignments` (parameters from $3) of one webhook, returning the row. */
  private async updateReturning(
    accountId: string,
    id: string,
    assignments: string,
    parameters: unknown[],
  ): Promise<WebhookRecord | undefined> {
    const rows: [WebhookRow[], number] = await this.dataSource.query(
      `UPDATE dispatcher.webhook SET ${assignments}, updated_at = now()
        WHERE account_id = $1 AND id = $2
        RETURNING *`,
      [accountId, id, ...parameters],
    );
    this.cache.invalidate(accountId, id);
    return rows[0].length > 0 ? fromWebhookRow(rows[0][0]) : undefined;
  }
}

/** jsonb parameters go as JSON text; null stays SQL NULL (not the JSON value null). */
function jsonOrNull(value: object | null): string | null {
  return value === null ? null : JSON.stringify(value);
}
