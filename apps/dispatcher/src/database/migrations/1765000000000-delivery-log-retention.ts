import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention purge (decision 067) needs: an index on the delivery's created_at
 * (set once, so status updates stay HOT), a partial one over the rows that still have a
 * body (a body dropped leaves it, so each round reads only bodies still to drop), and a
 * body that may be dropped.
 */
export class DeliveryLogRetention1765000000000 implements MigrationInterface {
  readonly name = 'DeliveryLogRetention1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX IF NOT EXISTS delivery_created_idx ON dispatcher.delivery (created_at)`,
    );
    await runner.query(
      `CREATE INDEX IF NOT EXISTS delivery_body_created_idx ON dispatcher.delivery (created_at)
         WHERE body IS NOT NULL`,
    );
    await runner.query(`ALTER TABLE dispatcher.delivery ALTER COLUMN body DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`UPDATE dispatcher.delivery SET body = '' WHERE body IS NULL`);
    await runner.query(`ALTER TABLE dispatcher.delivery ALTER COLUMN body SET NOT NULL`);
    await runner.query(`DROP INDEX IF EXISTS dispatcher.delivery_body_created_idx`);
    await runner.query(`DROP INDEX IF EXISTS dispatcher.delivery_created_idx`);
  }
}
