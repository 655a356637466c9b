import {
  ApiExceptionFilter,
  applyServerTimeouts,
  createLogger,
  PinoNestLogger,
} from '@leadhooks/http';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway.config';
import { consoleRouter } from '../console/console-static';
import { GatewayMetrics, gatewayRoute } from '../metrics/gateway.metrics';
import { gatewayOpenApiDocument } from '../events/gateway-openapi';
import { OpenApiAggregator } from '../openapi/openapi.service';
import { proxyMiddleware } from '../proxy/proxy.middleware';
import { answerUnparsedRequests } from '../proxy/refusals';
import { upstreamsOf } from '../proxy/routes';
import { AppModule } from './app.module';

export interface GatewayApp {
  app: NestExpressApplication;
  logger: Logger;
}

/** The gateway, initialised but not listening (main.ts and the specs choose the port). */
export async function createGatewayApp(
  config: GatewayConfig,
  logger?: Logger,
): Promise<GatewayApp> {
  const log = logger ?? createLogger({ name: 'gateway', level: config.LOG_LEVEL });
  const upstreams = upstreamsOf(config);
  const aggregator = new OpenApiAggregator(upstreams, log);
  // No body parser: proxied bodies are streamed untouched, and the gateway's own routes take none.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(upstreams, aggregator),
    {
      bodyParser: false,
      logger: new PinoNestLogger(log.child({ component: 'nest' })),
    },
  );
  app.disable('x-powered-by');
  // The gateway's callers reuse connections too: the same ordering as the services'.
  applyServerTimeouts(app.getHttpServer());
  answerUnparsedRequests(app.getHttpServer(), log);
  const metrics = app.get(GatewayMetrics);
  // First: proxied requests never reach Nest, and they are most of what is measured.
  app.use(httpMetricsMiddleware(app.get(HttpMetrics), gatewayRoute));
  app.use('/console', consoleRouter());
  app.use(
    proxyMiddleware(upstreams, {
      timeoutMs: config.GATEWAY_UPSTREAM_TIMEOUT_MS,
      logger: log,
      onUpstreamFailure: (service, failure) => metrics.upstreamFailed(service, failure),
    }),
  );
  app.useGlobalFilters(new ApiExceptionFilter(log));
  aggregator.includeOwn(gatewayOpenApiDocument(app));
  // swagger-ui-dist is served from node_modules (nothing from a CDN); the page shows the
  // merged document, built per request, while /docs-json is our own controller.
  const placeholder: OpenAPIObject = {
    openapi: '3.0.0',
    info: { title: 'leadhooks', version: '1' },
    paths: {},
  };
  SwaggerModule.setup('docs', app, placeholder, {
    raw: false,
    customSiteTitle: 'leadhooks API',
    patchDocumentOnRequest: async () => (await aggregator.document()) as unknown as OpenAPIObject,
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger: log };
}
