import { generateSecret } from '@leadhooks/webhook-signing';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Accounts whose secret this process keeps; past this, the oldest are read again when next used. */
const MAX_CACHED_ACCOUNTS = 10_000;

/**
 * Each account's signing secret for ad-hoc webhook_url deliveries, made on first use.
 * Concurrent first uses race on the primary key; the loser reads the winner's secret.
 * An account's secret never changes once made (there is no rotation for it), so it is
 * read from Postgres once per process, not once per delivery; concurrent first reads in
 * this process share one.
 */
@Injectable()
export class AccountSecrets {
  private readonly known = new Map<string, Promise<string>>();

  constructor(private readonly dataSource: DataSource) {}

  secretOf(accountId: string): Promise<string> {
    const cached = this.known.get(accountId);
    if (cached !== undefined) return cached;
    const loading = this.readOrCreate(accountId);
    this.known.set(accountId, loading);
    // A failed read is not kept: the next delivery reads again.
    loading.catch(() => {
      if (this.known.get(accountId) === loading) this.known.delete(accountId);
    });
    // Map order is insertion order: the first key is the oldest.
    if (this.known.size > MAX_CACHED_ACCOUNTS) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    return loading;
  }

  private async readOrCreate(accountId: string): Promise<string> {
    const existing = await this.read(accountId);
    if (existing !== undefined) return existing;
    await this.dataSource.query(
      `INSERT INTO dispatcher.account_secret (account_id, secret, created_at) VALUES ($1, $2, now())
       ON CONFLICT (account_id) DO NOTHING`,
      [accountId, generateSecret()],
    );
    const made = await this.read(accountId);
    if (made === undefined) throw new Error(`no secret for account ${accountId} after insert`);
    return made;
  }

  private async read(accountId: string): Promise<string | undefined> {
    const rows: { secret: string }[] = await this.dataSource.query(
      `SELECT secret FROM dispatcher.account_secret WHERE account_id = $1`,
      [accountId],
    );
    return rows[0]?.secret;
  }
}
