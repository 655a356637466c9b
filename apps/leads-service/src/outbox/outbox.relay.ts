import { PgListener } from '@leadhooks/persistence';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { LeadsConfig } from '../config/leads.config';
import type { KafkaConnection } from '../kafka/kafka.providers';
import type { OutboxMetrics } from '../metrics/outbox.metrics';
import { OutboxPublisher } from './outbox.publisher';
import { PgOutboxStore } from './outbox.store';
import { KafkaSaveLeadSink } from './save-lead.sink';

/** The NOTIFY channel the outbox trigger signals (see the leads schema migration). */
export const outboxChannel = 'leads_outbox';

/**
 * Runs the outbox publisher inside leads-service: starts it once the app is up (after
 * migrations), wakes it on NOTIFY, and stops it before Kafka and Postgres close.
 */
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly publisher: OutboxPublisher;
  private readonly listener: PgListener;

  constructor(
    config: LeadsConfig,
    dataSource: DataSource,
    kafka: KafkaConnection,
    logger: Logger,
    metrics: OutboxMetrics,
  ) {
    const log = logger.child({ component: 'outbox' });
    const store = new PgOutboxStore(dataSource, (id, error) =>
      log.error(
        { outboxId: id, err: error },
        'outbox row does not parse; its lead is held back until it is fixed',
      ),
    );
    this.publisher = new OutboxPublisher(
      store,
      new KafkaSaveLeadSink(kafka.client, config.KAFKA_ENSURE_TOPICS),
      log,
      {
        batchSize: config.OUTBOX_BATCH_SIZE,
        pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
        sendTimeoutMs: config.OUTBOX_SEND_TIMEOUT_MS,
        retentionMs: config.OUTBOX_RETENTION_HOURS * 3_600_000,
        onPublished: (count) => metrics.recordPublished(count),
      },
    );
    this.listener = new PgListener({
      url: config.DATABASE_URL,
      channel: outboxChannel,
      onNotify: () => this.publisher.wake(),
      onError: (error) =>
        log.warn(
          { err: error },
          'outbox listener lost its connection; reconnecting (polling meanwhile)',
        ),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.publisher.start();
    await this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.stop();
    await this.publisher.stop();
  }
}
