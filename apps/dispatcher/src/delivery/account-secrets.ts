import { generateSecret } from '@leadhooks/webhook-signing';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signingSecrets } from '../webhooks/webhook.record';

/** Accounts whose secret this process keeps; past this, the oldest are read again when next used. */
const MAX_CACHED_ACCOUNTS = 10_000;
/**
 * How long a process reuses an account's secrets without reading them: a rotation made by
 * another instance is signed with (as a second signature) within this. The previous secret
 * keeps signing for hours after a rotation, so receivers see no gap either way.
 */
export const accountSecretCacheMs = 5_000;

/** An account's webhook_url signing secret, and the previous one during a rotation's overlap. */
export interface AccountSecret {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

interface Row {
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
}

/**
 * Each account's signing secret for ad-hoc webhook_url deliveries, made on first use and
 * rotated on request. Concurrent first uses race on the primary key; the loser reads the
 * winner's secret. Read from Postgres once per account and accountSecretCacheMs per process, not once
 * per delivery; concurrent reads in this process share one.
 */
@Injectable()
export class AccountSecrets {
  private readonly known = new Map<string, { at: number; loading: Promise<AccountSecret> }>();

  constructor(private readonly dataSource: DataSource) {}

  async secretOf(accountId: string): Promise<string> {
    return (await this.load(accountId)).secret;
  }

  /** The secrets that sign at `now`: the current one, and the previous one while it overlaps. */
  async signingSecretsOf(accountId: string, now: Date): Promise<string[]> {
    return signingSecrets(await this.load(accountId), now);
  }

  /** A new secret; the current one keeps signing until `overlapUntil`. */
  async rotate(accountId: string, overlapUntil: Date): Promise<AccountSecret> {
    await this.readOrCreate(accountId);
    // An UPDATE answers [rows, count] through TypeORM.
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE dispatcher.account_secret
          SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2
        WHERE account_id = $1
        RETURNING secret, previous_secret, previous_secret_expires_at`,
      [accountId, generateSecret(), overlapUntil],
    );
    this.known.delete(accountId);
    return toSecret(rows[0]);
  }

  private load(accountId: string): Promise<AccountSecret> {
    const now = Date.now();
    const cached = this.known.get(accountId);
    if (cached !== undefined && now - cached.at < accountSecretCacheMs) return cached.loading;
    const loading = this.readOrCreate(accountId);
    const entry = { at: now, loading };
    this.known.delete(accountId);
    this.known.set(accountId, entry);
    // A failed read is not kept: the next delivery reads again.
    loading.catch(() => {
      if (this.known.get(accountId) === entry) this.known.delete(accountId);
    });
    // Map order is insertion order: the first key is the oldest.
    if (this.known.size > MAX_CACHED_ACCOUNTS) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
    return loading;
  }

  private async readOrCreate(accountId: string): Promise<AccountSecret> {
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

  private async read(accountId: string): Promise<AccountSecret | undefined> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT secret, previous_secret, previous_secret_expires_at
         FROM dispatcher.account_secret WHERE account_id = $1`,
      [accountId],
    );
    return rows[0] === undefined ? undefined : toSecret(rows[0]);
  }
}

function toSecret(row: Row): AccountSecret {
  return {
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
  };
}
