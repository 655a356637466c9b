import { configureHttpApp, createLogger, PinoNestLogger, setupOpenApi } from '@leadhooks/http';
import { kafkaOutage } from '@leadhooks/kafka';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { postgresOutage } from '@leadhooks/persistence';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { DispatcherConfig } from '../config/dispatcher.config';
import { BulkReplayBody, BulkResendBody } from '../deliveries/deliveries.schemas';
import {
  DeadLetterPage,
  DeliveryDetail,
  DeliveryPage,
  ReplayResult,
  ResendResult,
} from '../deliveries/deliveries.views';
import {
  operationalWebhookBodySchema,
  OperationalWebhookResource,
} from '../operational/operational-webhook.schemas';
import { webhookBodySchemas } from '../webhooks/webhook.schemas';
import {
  AccountSecret,
  TestDelivery,
  WebhookPage,
  WebhookResource,
  WebhookSecret,
} from '../webhooks/webhook.views';
import { AppModule, type OutboundOverrides } from './app.module';

export interface DispatcherApp {
  app: NestExpressApplication;
  logger: Logger;
}

/**
 * The whole service, initialised (migrations run, consumers joined) but not listening:
 * main.ts listens on DISPATCHER_PORT, the e2e specs on a free port.
 */
export async function createDispatcherApp(
  config: DispatcherConfig,
  options: { logger?: Logger; outbound?: OutboundOverrides } = {},
): Promise<DispatcherApp> {
  const log = options.logger ?? createLogger({ name: 'dispatcher', level: config.LOG_LEVEL });
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, log, options.outbound),
    {
      bodyParser: false,
      logger: new PinoNestLogger(log.child({ component: 'nest' })),
    },
  );
  configureHttpApp(app, {
    logger: log,
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
    requestMetrics: httpMetricsMiddleware(app.get(HttpMetrics)),
    dependencyOutages: [postgresOutage, kafkaOutage],
  });
  // The same schemas (and outbound policy) the webhook pipes validate with.
  const outboundPolicy = {
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
  };
  const webhookBodies = webhookBodySchemas(outboundPolicy);
  setupOpenApi(app, {
    title: 'dispatcher',
    description:
      'Webhook configuration, the delivery log, dead letters and replay. Deliveries are signed as Standard ' +
      'Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the secret of each webhook.',
    version: '1',
    requestSchemas: {
      CreateWebhook: webhookBodies.create,
      UpdateWebhook: webhookBodies.update,
      BulkReplay: BulkReplayBody,
      BulkResend: BulkResendBody,
      OperationalWebhookBody: operationalWebhookBodySchema(outboundPolicy),
    },
    responseSchemas: {
      Webhook: WebhookResource,
      WebhookList: WebhookPage,
      WebhookSecret,
      AccountSecret,
      TestDelivery,
      DeliveryPage,
      DeliveryDetail,
      DeadLetterPage,
      ReplayResult,
      ResendResult,
      OperationalWebhook: OperationalWebhookResource,
    },
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger: log };
}
