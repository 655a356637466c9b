export { registerConsumerLag, type ConsumerLagEntry } from './consumer-lag.metrics';
export {
  HttpMetrics,
  httpMetricsMiddleware,
  routePattern,
  unmatchedRoute,
  type RouteOf,
} from './http.metrics';
export { METRICS_REGISTRY, MetricsController } from './metrics.controller';
export { MetricsModule } from './metrics.module';
export { createMetricsRegistry, metricPrefix } from './metrics.registry';
export { scrapeSample } from './scrape-sample';
export { parseExposition, sumOf, type MetricSample } from './exposition.parse';
