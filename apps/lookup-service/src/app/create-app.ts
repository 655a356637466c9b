import { configureHttpApp, createLogger, PinoNestLogger, setupOpenApi } from '@leadhooks/http';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { postgresOutage } from '@leadhooks/persistence';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { LookupConfig } from '../config/lookup.config';
import type { LookupOverrides } from '../lookups/lookups.module';
import { AppModule } from './app.module';

export interface LookupApp {
  app: NestExpressApplication;
  logger: Logger;
}

/** The whole service, initialised but not listening (main.ts and the e2e specs listen). */
export async function createLookupApp(
  config: LookupConfig,
  logger?: Logger,
  overrides: LookupOverrides = {},
): Promise<LookupApp> {
  const log = logger ?? createLogger({ name: 'lookup-service', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, log, overrides),
    {
      bodyParser: false,
      logger: new PinoNestLogger(log.child({ component: 'nest' })),
    },
  );
  // Lookups take no body; the shared limit only bounds what a stray POST may send.
  configureHttpApp(app, {
    logger: log,
    bodyLimitBytes: 16 * 1024,
    requestMetrics: httpMetricsMiddleware(app.get(HttpMetrics)),
    dependencyOutages: [postgresOutage],
  });
  setupOpenApi(app, {
    title: 'lookup-service',
    description:
      'The six lookups, scoped to the calling account. Any of them accepts webhook_url: the answer comes at once, ' +
      'and the same body is POSTed to that URL asynchronously (HTTPS, signed, retried).',
    version: '1',
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger: log };
}
