import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's own retry delays (issue 16 item 3), and the schedule each delivery was
 * attempted under, so the delivery log shows it. NULL: the deployment's default schedule.
 */
export class WebhookRetrySchedule1764900000000 implements MigrationInterface {
  readonly name = 'WebhookRetrySchedule1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatcher.webhook ADD COLUMN retry_schedule_ms integer[]`);
    await runner.query(`ALTER TABLE dispatcher.delivery ADD COLUMN retry_schedule text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatcher.delivery DROP COLUMN retry_schedule`);
    await runner.query(`ALTER TABLE dispatcher.webhook DROP COLUMN retry_schedule_ms`);
  }
}
