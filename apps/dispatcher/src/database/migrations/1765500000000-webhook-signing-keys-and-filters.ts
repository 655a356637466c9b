import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-webhook ed25519 signing (decision 075) and event filters (decision 076). Existing
 * webhooks keep today's behaviour: HMAC (`v1`) only, no key until `v1a` is asked for,
 * no filter.
 */
export class WebhookSigningKeysAndFilters1765500000000 implements MigrationInterface {
  readonly name = 'WebhookSigningKeysAndFilters1765500000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dispatcher.webhook
        ADD COLUMN signature_schemes text[] NOT NULL DEFAULT '{v1}',
        ADD COLUMN signing_key text,
        ADD COLUMN previous_signing_key text,
        ADD COLUMN previous_signing_key_expires_at timestamptz,
        ADD COLUMN filter jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE dispatcher.webhook
        DROP COLUMN filter,
        DROP COLUMN previous_signing_key_expires_at,
        DROP COLUMN previous_signing_key,
        DROP COLUMN signing_key,
        DROP COLUMN signature_schemes`);
  }
}
