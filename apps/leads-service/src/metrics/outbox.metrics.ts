import { METRICS_REGISTRY, scrapeSample } from '@leadhooks/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** What the outbox holds that Kafka does not have yet. */
export interface OutboxBacklog {
  pending: number;
  /** Age of the oldest pending row; 0 when none is pending. */
  oldestSeconds: number;
}

// A scrape must answer while Postgres is slow or its pool is exhausted.
const backlogTimeoutMs = 1_000;

/** Served by the partial index on pending rows, so it stays cheap however large the table. */
export async function measureOutboxBacklog(dataSource: DataSource): Promise<OutboxBacklog> {
  const [row]: { pending: number; oldest_seconds: number | null }[] = await dataSource.query(
    `SELECT count(*)::int AS pending,
            EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_seconds
       FROM leads.outbox WHERE sent_at IS NULL`,
  );
  return { pending: row.pending, oldestSeconds: Math.max(0, row.oldest_seconds ?? 0) };
}

/**
 * The outbox as Prometheus sees it: the backlog is read from Postgres at scrape time (it
 * is the truth whichever instance publishes); when that read fails the gauges are NaN,
 * unknown, rather than a reassuring 0.
 */
@Injectable()
export class OutboxMetrics {
  private readonly published: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, dataSource: DataSource) {
    const registers = [registry];
    const sample = scrapeSample(() => measureOutboxBacklog(dataSource), backlogTimeoutMs);
    const read = (pick: (backlog: OutboxBacklog) => number) =>
      async function (this: Gauge) {
        this.set(await sample().then(pick, () => NaN));
      };
    new Gauge({
      name: 'leadhooks_outbox_backlog',
      help: 'save_lead events committed to the outbox and not yet published to Kafka',
      registers,
      collect: read((backlog) => backlog.pending),
    });
    new Gauge({
      name: 'leadhooks_outbox_oldest_pending_seconds',
      help: 'Age of the oldest outbox event not yet published, in seconds (0 when none)',
      registers,
      collect: read((backlog) => backlog.oldestSeconds),
    });
    this.published = new Counter({
      name: 'leadhooks_outbox_published_total',
      help: 'save_lead events published from the outbox and acknowledged by Kafka',
      registers,
    });
  }

  /** Events whose batch was acknowledged and marked sent. */
  recordPublished(count: number): void {
    this.published.inc(count);
  }
}
