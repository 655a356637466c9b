import { configureHttpApp, createLogger, PinoNestLogger, setupOpenApi } from '@leadhooks/http';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { Topics } from '@leadhooks/contracts';
import { postgresOutage } from '@leadhooks/persistence';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { LookupConfig } from '../config/lookup.config';
import { directoryGroupId, DirectoryKafkaServer } from '../directory/directory.transport';
import { KafkaConnection } from '../kafka/kafka.providers';
import type { LookupOverrides } from '../lookups/lookups.module';
import { AppModule } from './app.module';
import { lookupOpenApiOptions } from './openapi-options';

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
  setupOpenApi(app, lookupOpenApiOptions);
  app.enableShutdownHooks();
  await app.init();
  if (config.DIRECTORY_CONSUMER_ENABLED) await startDirectoryTransport(app, config, log);
  return { app, logger: log };
}

/**
 * A hybrid app: the same Nest app also serves leads.save_lead through Nest's Kafka transport
 * (the directory's @EventPattern handler). Its topics exist first (when the service
 * provisions them); Nest closes the transport on app.close(), before Postgres and the
 * KafkaClient, so a record in progress still finishes its write and commit.
 */
async function startDirectoryTransport(
  app: NestExpressApplication,
  config: LookupConfig,
  log: Logger,
): Promise<void> {
  const kafka = app.get(KafkaConnection);
  await kafka.topics();
  app.connectMicroservice(
    { strategy: new DirectoryKafkaServer(config, kafka.client, log) },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  // Its lag is on /metrics like that of the consumers the KafkaClient runs itself.
  kafka.client.watchLag({
    groupId: directoryGroupId,
    topics: [Topics.saveLead],
    startFrom: 'earliest',
  });
}
