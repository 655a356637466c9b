import { HEALTH_INDICATORS, HealthController } from '@leadhooks/http';
import { MetricsModule } from '@leadhooks/metrics';
import { type DynamicModule, Module } from '@nestjs/common';
import { EventsController } from '../events/events.controller';
import { upstreamIndicators } from '../health/upstream.indicators';
import { GatewayMetrics } from '../metrics/gateway.metrics';
import { DocsController } from '../openapi/docs.controller';
import { OpenApiAggregator } from '../openapi/openapi.service';
import type { Upstream } from '../proxy/routes';

@Module({})
export class AppModule {
  static forRoot(upstreams: readonly Upstream[], aggregator: OpenApiAggregator): DynamicModule {
    return {
      module: AppModule,
      imports: [MetricsModule.forRoot('gateway')],
      controllers: [HealthController, DocsController, EventsController],
      providers: [
        GatewayMetrics,
        { provide: HEALTH_INDICATORS, useValue: upstreamIndicators(upstreams) },
        { provide: OpenApiAggregator, useValue: aggregator },
      ],
    };
  }
}
