import { CoreModule, HealthController } from '@leadhooks/http';
import { MetricsModule } from '@leadhooks/metrics';
import { healthIndicatorsProvider, migrationRunnerProvider } from '@leadhooks/persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { LEADS_CONFIG, type LeadsConfig } from '../config/leads.config';
import { leadsDataSourceOptions } from '../database/database';
import { KafkaHealthIndicator, kafkaProviders } from '../kafka/kafka.providers';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { LeadsModule } from '../leads/leads.module';
import { OutboxMetrics } from '../metrics/outbox.metrics';
import { OutboxModule } from '../outbox/outbox.module';
import { LOGGER } from './tokens';

@Module({})
export class AppModule {
  static forRoot(config: LeadsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config: { token: LEADS_CONFIG, value: config },
          logger: { token: LOGGER, value: logger },
          providers: [...kafkaProviders, OutboxMetrics],
        }),
        MetricsModule.forRoot('leads-service'),
        // Few, quick retries: a service that cannot reach its database at start-up should
        // fail and be restarted by its supervisor rather than hang.
        TypeOrmModule.forRoot({
          ...leadsDataSourceOptions(config),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        LeadsModule,
        ApiKeysModule,
        OutboxModule.register(config.OUTBOX_PUBLISHER_ENABLED),
      ],
      controllers: [HealthController],
      providers: [
        migrationRunnerProvider(config.DATABASE_MIGRATE, logger),
        healthIndicatorsProvider(KafkaHealthIndicator),
      ],
    };
  }
}
