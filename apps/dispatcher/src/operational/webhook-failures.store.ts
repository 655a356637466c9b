import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookCache } from '../webhooks/webhook-cache';
import type { FailureHistory } from './failure-rule';

/** SQL over dispatcher.webhook's failure history (decision 065); every query scoped to the account. */
@Injectable()
export class WebhookFailuresStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cache: WebhookCache,
  ) {}

  async recordSuccess(accountId: string, id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE dispatcher.webhook SET failing_since = NULL, consecutive_dead_letters = 0
        WHERE account_id = $1 AND id = $2
          AND (failing_since IS NOT NULL OR consecutive_dead_letters > 0)`,
      [accountId, id],
    );
    this.cache.invalidate(accountId, id);
  }

  /**
   * A failed attempt at `at` (a dead letter counts one more in a row). Returns the history
   * after it, or undefined when the webhook is gone or already disabled.
   */
  async recordFailure(
    accountId: string,
    id: string,
    at: Date,
    deadLettered: boolean,
  ): Promise<FailureHistory | undefined> {
    const result: [{ failing_since: Date | null; consecutive_dead_letters: number }[], number] =
      await this.dataSource.query(
        `UPDATE dispatcher.webhook
            SET failing_since = COALESCE(failing_since, $3),
                consecutive_dead_letters = consecutive_dead_letters + $4
          WHERE account_id = $1 AND id = $2 AND enabled
          RETURNING failing_since, consecutive_dead_letters`,
        [accountId, id, at, deadLettered ? 1 : 0],
      );
    const row = result[0][0];
    if (row === undefined) return undefined;
    return {
      failingSince: row.failing_since,
      consecutiveDeadLetters: row.consecutive_dead_letters,
    };
  }

  /** Disables an enabled webhook; returns when it did (undefined: another attempt got there first). */
  async disable(accountId: string, id: string, reason: string): Promise<Date | undefined> {
    const result: [{ disabled_at: Date }[], number] = await this.dataSource.query(
      `UPDATE dispatcher.webhook
          SET enabled = false, disabled_reason = $3, disabled_at = now(), updated_at = now()
        WHERE account_id = $1 AND id = $2 AND enabled
        RETURNING disabled_at`,
      [accountId, id, reason],
    );
    this.cache.invalidate(accountId, id);
    return result[0][0]?.disabled_at;
  }
}
