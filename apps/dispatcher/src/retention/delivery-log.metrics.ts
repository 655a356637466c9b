import { METRICS_REGISTRY, scrapeSample } from '@leadhooks/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** The tables of the delivery log, as the `table` label names them. */
export const deliveryLogTables = ['delivery', 'attempt', 'dead_letter'] as const;

export interface TableSize {
  table: string;
  rows: number;
  bytes: number;
}

// Catalog reads only (no count(*)): cheap at any size, but leave room in a 10 s scrape.
const sizeTimeoutMs = 1_500;

/**
 * What the delivery log holds, read at scrape time: rows are Postgres's live-row estimate
 * (pg_stat n_live_tup), bytes the table with its indexes and TOAST (pg_total_relation_size).
 * With Postgres away the last values stay: the scrape still answers.
 */
@Injectable()
export class DeliveryLogMetrics {
  private readonly purged: Counter<'action'>;
  private last: readonly TableSize[] = [];

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, dataSource: DataSource) {
    const sample = scrapeSample(() => readTableSizes(dataSource), sizeTimeoutMs);
    const latest = async () => {
      try {
        this.last = await sample();
      } catch {
        // Kept: the last sizes read.
      }
      return this.last;
    };
    const registers = [registry];
    new Gauge({
      name: 'leadhooks_delivery_log_rows',
      help: 'Rows held by each table of the delivery log (Postgres live-row estimate)',
      labelNames: ['table'],
      registers,
      async collect() {
        for (const { table, rows } of await latest()) this.set({ table }, rows);
      },
    });
    new Gauge({
      name: 'leadhooks_delivery_log_bytes',
      help: 'Bytes held by each table of the delivery log, indexes and TOAST included',
      labelNames: ['table'],
      registers,
      async collect() {
        for (const { table, bytes } of await latest()) this.set({ table }, bytes);
      },
    });
    this.purged = new Counter({
      name: 'leadhooks_delivery_log_purged_total',
      help: 'Deliveries purged by retention: deleted (with attempts and dead letters), or body_dropped',
      labelNames: ['action'],
      registers,
    });
  }

  purgedDeliveries(deleted: number, bodiesDropped: number): void {
    this.purged.inc({ action: 'deleted' }, deleted);
    this.purged.inc({ action: 'body_dropped' }, bodiesDropped);
  }
}

async function readTableSizes(dataSource: DataSource): Promise<TableSize[]> {
  const rows: { table: string; rows: string; bytes: string }[] = await dataSource.query(
    `SELECT c.relname AS table, COALESCE(s.n_live_tup, 0) AS rows,
            pg_total_relation_size(c.oid) AS bytes
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE n.nspname = 'dispatcher' AND c.relname = ANY ($1::text[])`,
    [[...deliveryLogTables]],
  );
  return rows.map((row) => ({
    table: row.table,
    rows: Number(row.rows),
    bytes: Number(row.bytes),
  }));
}
