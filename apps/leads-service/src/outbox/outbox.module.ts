import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { LOGGER } from '../app/tokens';
import { LEADS_CONFIG, type LeadsConfig } from '../config/leads.config';
import { KafkaConnection } from '../kafka/kafka.providers';
import { OutboxMetrics } from '../metrics/outbox.metrics';
import { OutboxRelay } from './outbox.relay';

@Module({})
export class OutboxModule {
  /** The publisher runs only when enabled (OUTBOX_PUBLISHER_ENABLED); writing to the outbox always happens. */
  static register(enabled: boolean): DynamicModule {
    if (!enabled) return { module: OutboxModule };
    return {
      module: OutboxModule,
      providers: [
        {
          provide: OutboxRelay,
          useFactory: (
            config: LeadsConfig,
            dataSource: DataSource,
            kafka: KafkaConnection,
            logger: Logger,
            metrics: OutboxMetrics,
          ) => new OutboxRelay(config, dataSource, kafka, logger, metrics),
          inject: [LEADS_CONFIG, DataSource, KafkaConnection, LOGGER, OutboxMetrics],
        },
      ],
      exports: [OutboxRelay],
    };
  }
}
