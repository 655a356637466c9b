import { generateSecret } from '@leadhooks/webhook-signing';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Each account's signing secret for ad-hoc webhook_url deliveries, made on first use.
 * Concurrent first uses race on the primary key; the loser reads the winner's secret.
 */
@Injectable()
export class AccountSecrets {
  constructor(private readonly dataSource: DataSource) {}

  async secretOf(accountId: string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO dispatcher.account_secret (account_id, secret, created_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO NOTHING`,
      [accountId, generateSecret()],
    );
    const rows: { secret: string }[] = await this.dataSource.query(
      `SELECT secret FROM dispatcher.account_secret WHERE account_id = $1`,
      [accountId],
    );
    return rows[0].secret;
  }
}
