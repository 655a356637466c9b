import type { DataSource } from 'typeorm';

/** A readiness check: one round trip through the pool. */
export class PostgresHealthIndicator {
  readonly name = 'postgres';
  readonly critical = true;

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
