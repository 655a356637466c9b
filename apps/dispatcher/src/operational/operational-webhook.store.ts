import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** An account's operational webhook: where `webhook.disabled` and dead letters are told. */
export interface OperationalWebhook {
  accountId: string;
  url: string;
  headers: Record<string, string>;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface OperationalWebhookRow {
  account_id: string;
  url: string;
  headers: Record<string, string>;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function fromRow(row: OperationalWebhookRow): OperationalWebhook {
  return {
    accountId: row.account_id,
    url: row.url,
    headers: row.headers,
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** SQL over dispatcher.operational_webhook: at most one per account, keyed by it. */
@Injectable()
export class OperationalWebhookStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(accountId: string): Promise<OperationalWebhook | undefined> {
    const rows: OperationalWebhookRow[] = await this.dataSource.query(
      `SELECT * FROM dispatcher.operational_webhook WHERE account_id = $1`,
      [accountId],
    );
    return rows[0] === undefined ? undefined : fromRow(rows[0]);
  }

  /** Sets the URL and headers; `secret` is used only when the account had none (it is kept). */
  async put(
    accountId: string,
    fields: { url: string; headers: Record<string, string> },
    secret: string,
  ): Promise<OperationalWebhook> {
    const rows: OperationalWebhookRow[] = await this.dataSource.query(
      `INSERT INTO dispatcher.operational_webhook (account_id, url, headers, secret, created_at, updated_at)
       VALUES ($1, $2, $3, $4, now(), now())
       ON CONFLICT (account_id) DO UPDATE
         SET url = EXCLUDED.url, headers = EXCLUDED.headers, updated_at = now()
       RETURNING *`,
      [accountId, fields.url, JSON.stringify(fields.headers), secret],
    );
    return fromRow(rows[0] as OperationalWebhookRow);
  }

  async delete(accountId: string): Promise<boolean> {
    const result: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM dispatcher.operational_webhook WHERE account_id = $1`,
      [accountId],
    );
    return result[1] > 0;
  }

  async rotateSecret(
    accountId: string,
    secret: string,
    overlapUntil: Date,
  ): Promise<OperationalWebhook | undefined> {
    const result: [OperationalWebhookRow[], number] = await this.dataSource.query(
      `UPDATE dispatcher.operational_webhook
          SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, updated_at = now()
        WHERE account_id = $1
        RETURNING *`,
      [accountId, secret, overlapUntil],
    );
    return result[0][0] === undefined ? undefined : fromRow(result[0][0]);
  }
}
