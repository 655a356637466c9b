import { Global, Module, type DynamicModule } from '@nestjs/common';
import { HttpMetrics } from './http.metrics';
import { METRICS_REGISTRY, MetricsController } from './metrics.controller';
import { createMetricsRegistry } from './metrics.registry';

/**
 * The app's registry (METRICS_REGISTRY), its HTTP metrics, and `GET /metrics`. Global, so
 * each feature registers its own metrics on the one registry without importing this.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(service: string): DynamicModule {
    const registry = createMetricsRegistry(service);
    return {
      module: MetricsModule,
      controllers: [MetricsController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: HttpMetrics, useValue: new HttpMetrics(registry) },
      ],
      exports: [METRICS_REGISTRY, HttpMetrics],
    };
  }
}
