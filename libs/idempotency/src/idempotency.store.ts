import type { DataSource } from 'typeorm';

/** How long an answer is kept and given again (decision 070). */
export const idempotencyTtlMs = 24 * 60 * 60 * 1000;
/**
 * A first request still "in progress" after this is taken to have died with its process
 * (a crash between claim and answer): the same request may then run again.
 */
export const abandonedAfterMs = 5 * 60 * 1000;

export interface StoredAnswer {
  statusCode: number;
  body: unknown;
  location: string | null;
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'mismatch' }
  | { kind: 'in_progress' };

interface Row {
  fingerprint: Buffer;
  status_code: number | null;
  response: unknown;
  location: string | null;
}

/** The `idempotency.request` rows: claim a key, record its answer, or let it go. */
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claims the key for this request, atomically: a new key, an expired one, or an
   * abandoned run of the same request is taken; otherwise the row says what to answer.
   */
  async claim(accountId: string, key: string, fingerprint: Buffer): Promise<Claim> {
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency.request (account_id, key, fingerprint, created_at, expires_at)
       VALUES ($1, $2, $3, now(), now() + $4 * interval '1 millisecond')
       ON CONFLICT (account_id, key) DO UPDATE
         SET fingerprint = EXCLUDED.fingerprint, status_code = NULL, response = NULL,
             location = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency.request.expires_at <= now()
            OR (idempotency.request.status_code IS NULL
                AND idempotency.request.fingerprint = EXCLUDED.fingerprint
                AND idempotency.request.created_at < now() - $5 * interval '1 millisecond')
       RETURNING 1`,
      [accountId, key, fingerprint, idempotencyTtlMs, abandonedAfterMs],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const rows: Row[] = await this.dataSource.query(
      `SELECT fingerprint, status_code, response, location FROM idempotency.request
        WHERE account_id = $1 AND key = $2`,
      [accountId, key],
    );
    // Purged between the two statements: the key is free again.
    if (rows.length === 0) return this.claim(accountId, key, fingerprint);
    const row = rows[0];
    if (!row.fingerprint.equals(fingerprint)) return { kind: 'mismatch' };
    if (row.status_code === null) return { kind: 'in_progress' };
    return {
      kind: 'replay',
      answer: { statusCode: row.status_code, body: row.response, location: row.location },
    };
  }

  async complete(accountId: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency.request SET status_code = $3, response = $4, location = $5
        WHERE account_id = $1 AND key = $2 AND status_code IS NULL`,
      [accountId, key, answer.statusCode, JSON.stringify(answer.body ?? null), answer.location],
    );
  }

  /** The request failed: nothing to give again, the same key may be tried anew. */
  async release(accountId: string, key: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency.request WHERE account_id = $1 AND key = $2 AND status_code IS NULL`,
      [accountId, key],
    );
  }

  /** Drops expired rows, a bounded batch at a time; returns how many. */
  async purgeExpired(batch = 10_000): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `WITH gone AS (
         DELETE FROM idempotency.request WHERE ctid IN (
           SELECT ctid FROM idempotency.request WHERE expires_at <= now() LIMIT $1)
         RETURNING 1)
       SELECT count(*)::int AS count FROM gone`,
      [batch],
    );
    return count;
  }
}
