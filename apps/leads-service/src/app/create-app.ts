import { configureHttpApp, createLogger, PinoNestLogger, setupOpenApi } from '@leadhooks/http';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { postgresOutage } from '@leadhooks/persistence';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { LeadsConfig } from '../config/leads.config';
import {
  ApiKeyList,
  ApiKeyResource,
  CreateApiKeyBody,
  CreatedApiKey,
} from '../api-keys/api-key.schemas';
import { CreateLeadBody, LeadPage, LeadResource, UpdateLeadBody } from '../leads/lead.schemas';
import { AppModule } from './app.module';

export interface LeadsApp {
  app: NestExpressApplication;
  logger: Logger;
}

/**
 * The whole service, initialised but not listening: main.ts listens on the configured
 * port, the e2e specs on a free one, with the same modules either way.
 */
export async function createLeadsApp(config: LeadsConfig, logger?: Logger): Promise<LeadsApp> {
  const log = logger ?? createLogger({ name: 'leads-service', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, log), {
    bodyParser: false,
    logger: new PinoNestLogger(log.child({ component: 'nest' })),
  });
  configureHttpApp(app, {
    logger: log,
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
    requestMetrics: httpMetricsMiddleware(app.get(HttpMetrics)),
    dependencyOutages: [postgresOutage],
  });
  setupOpenApi(app, {
    title: 'leads-service',
    description:
      'Leads and API keys of an account. Every create, and every update that changes a lead, publishes a save_lead event ' +
      `(webhook body {"data": {...}}). Request bodies are limited to ${config.HTTP_BODY_LIMIT_BYTES} bytes.`,
    version: '1',
    requestSchemas: {
      CreateLead: CreateLeadBody,
      UpdateLead: UpdateLeadBody,
      CreateApiKey: CreateApiKeyBody,
    },
    responseSchemas: {
      Lead: LeadResource,
      LeadPage,
      ApiKey: ApiKeyResource,
      CreatedApiKey,
      ApiKeyList,
    },
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger: log };
}
