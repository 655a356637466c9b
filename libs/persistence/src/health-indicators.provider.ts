import { HEALTH_INDICATORS, type HealthIndicator } from '@leadhooks/http';
import type { InjectionToken, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostgresHealthIndicator } from './postgres-health';

/**
 * HEALTH_INDICATORS of a service that stores in Postgres: the indicator of the DataSource
 * TypeOrmModule.forRoot made, then the service's own (e.g. its Kafka indicator), in order.
 */
export function healthIndicatorsProvider(
  ...others: readonly InjectionToken<HealthIndicator>[]
): Provider {
  return {
    provide: HEALTH_INDICATORS,
    useFactory: (dataSource: DataSource, ...rest: HealthIndicator[]): HealthIndicator[] => [
      new PostgresHealthIndicator(dataSource),
      ...rest,
    ],
    inject: [DataSource, ...others],
  };
}
