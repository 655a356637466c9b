import { configureHttpApp, createLogger, PinoNestLogger, setupOpenApi } from '@leadhooks/http';
import { kafkaOutage } from '@leadhooks/kafka';
import { HttpMetrics, httpMetricsMiddleware } from '@leadhooks/metrics';
import { postgresOutage } from '@leadhooks/persistence';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { BackfillResource, StartBackfillBody } from '../backfill/backfill.schemas';
import type { DispatcherConfig } from '../config/dispatcher.config';
import { BulkReplayBody, BulkResendBody } from '../deliveries/deliveries.schemas';
import {
  DeadLetterPage,
  DeliveryDetail,
  DeliveryPage,
  ReplayResult,
  ResendResult,
} from '../deliveries/deliveries.views';
import { EndpointHealth } from '../endpoint-health/endpoint-health.views';
import {
  operationalWebhookBodySchema,
  OperationalWebhookResource,
} from '../operational/operational-webhook.schemas';
import { RotateSecretBody, webhookBodySchemas } from '../webhooks/webhook.schemas';
import {
  AccountSecret,
  TestDelivery,
  WebhookPage,
  WebhookResource,
  WebhookPublicKey,
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
      RotateSecret: RotateSecretBody,
      BulkReplay: BulkReplayBody,
      BulkResend: BulkResendBody,
      OperationalWebhookBody: operationalWebhookBodySchema(outboundPolicy),
      StartBackfill: StartBackfillBody,
    },
    responseSchemas: {
      Webhook: WebhookResource,
      WebhookList: WebhookPage,
      WebhookSecret,
      WebhookPublicKey,
      AccountSecret,
      TestDelivery,
      DeliveryPage,
      DeliveryDetail,
      DeadLetterPage,
      ReplayResult,
      ResendResult,
      OperationalWebhook: OperationalWebhookResource,
      Backfill: BackfillResource,
      EndpointHealth,
    },
  });
  app.enableShutdownHooks();
  await app.init();
  return { app, logger: log };
}
