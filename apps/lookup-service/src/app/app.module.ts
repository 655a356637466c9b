import { CoreModule, HealthController } from '@leadhooks/http';
import { MetricsModule } from '@leadhooks/metrics';
import { healthIndicatorsProvider, migrationRunnerProvider } from '@leadhooks/persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { LOOKUP_CONFIG, type LookupConfig } from '../config/lookup.config';
import { lookupDataSourceOptions } from '../database/database';
import { KafkaHealthIndicator, kafkaProviders } from '../kafka/kafka.providers';
import { LookupsModule, type LookupOverrides } from '../lookups/lookups.module';
import { LookupMetrics } from '../metrics/lookup.metrics';
import { LOGGER } from './tokens';

@Module({})
export class AppModule {
  static forRoot(
    config: LookupConfig,
    logger: Logger,
    overrides: LookupOverrides = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config: { token: LOOKUP_CONFIG, value: config },
          logger: { token: LOGGER, value: logger },
          providers: [...kafkaProviders, LookupMetrics],
        }),
        MetricsModule.forRoot('lookup-service'),
        TypeOrmModule.forRoot({
          ...lookupDataSourceOptions(config),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        LookupsModule.register(config, overrides),
      ],
      controllers: [HealthController],
      providers: [
        migrationRunnerProvider(config.DATABASE_MIGRATE, logger),
        healthIndicatorsProvider(KafkaHealthIndicator),
      ],
    };
  }
}
