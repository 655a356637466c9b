import { AuthModule } from '@leadhooks/auth';
import { CoreModule, HealthController } from '@leadhooks/http';
import { MetricsModule } from '@leadhooks/metrics';
import {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientOptions,
} from '@leadhooks/outbound-http';
import { healthIndicatorsProvider, migrationRunnerProvider } from '@leadhooks/persistence';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { BackfillController } from '../backfill/backfill.controller';
import { BackfillRunner } from '../backfill/backfill.runner';
import { BackfillService } from '../backfill/backfill.service';
import { BackfillStore } from '../backfill/backfill.store';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { dispatcherDataSourceOptions } from '../database/database';
import { DeliveriesController } from '../deliveries/deliveries.controller';
import { DeliveriesQueries } from '../deliveries/deliveries.queries';
import { ReplayService } from '../deliveries/replay.service';
import { ResendService } from '../deliveries/resend.service';
import { AccountSecrets } from '../delivery/account-secrets';
import { DeliveryLog } from '../delivery/delivery-log';
import { DeliveryTargets } from '../delivery/delivery-target';
import { DeliveryRouter } from '../delivery/delivery.router';
import { DeliveryWorker } from '../delivery/delivery.worker';
import { OutcomeWrites } from '../delivery/outcome-writes';
import { RetryHandler } from '../delivery/retry.handler';
import { DispatcherConsumers } from '../delivery/dispatcher.consumers';
import { EndpointHealthController } from '../endpoint-health/endpoint-health.controller';
import { EndpointHealthQueries } from '../endpoint-health/endpoint-health.queries';
import { FanoutHandler } from '../fanout/fanout.handler';
import { KafkaHealthIndicator, kafkaProviders } from '../kafka/kafka.providers';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';
import { DeliveryLogMetrics } from '../retention/delivery-log.metrics';
import { DeliveryLogPurge } from '../retention/delivery-log.purge';
import { RetentionScheduler } from '../retention/retention.scheduler';
import { webhookSchemasProvider } from '../webhooks/webhook-schemas.provider';
import { OperationalEvents } from '../operational/operational-events';
import { OperationalWebhookController } from '../operational/operational-webhook.controller';
import { OperationalWebhookStore } from '../operational/operational-webhook.store';
import { WebhookFailuresStore } from '../operational/webhook-failures.store';
import { WebhookHealth } from '../operational/webhook-health';
import { WebhookPublicKeyController } from '../webhooks/webhook-public-key.controller';
import { WebhookUrlSecretController } from '../webhooks/webhook-url-secret.controller';
import { WebhooksController } from '../webhooks/webhooks.controller';
import { WebhooksService } from '../webhooks/webhooks.service';
import { WebhookCache } from '../webhooks/webhook-cache';
import { WebhooksStore } from '../webhooks/webhooks.store';
import { LOGGER, OUTBOUND_CLIENT } from './tokens';

/** What tests (and only tests) add: a CA to trust for loopback HTTPS receivers, a stub resolver. */
export type OutboundOverrides = Pick<OutboundClientOptions, 'ca' | 'resolve'>;

/** Closes pooled outbound connections when the app stops. */
class OutboundClientCloser implements OnApplicationShutdown {
  constructor(private readonly client: OutboundClient) {}
  onApplicationShutdown(): void {
    this.client.close();
  }
}

function outboundClient(config: DispatcherConfig, overrides: OutboundOverrides): OutboundClient {
  return createOutboundClient({
    policy: {
      allowHttp: config.WEBHOOK_ALLOW_HTTP,
      allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    },
    connectTimeoutMs: config.WEBHOOK_CONNECT_TIMEOUT_MS,
    totalTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
    maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES,
    maxSocketsPerHost: config.WEBHOOK_MAX_SOCKETS_PER_HOST,
    ca: overrides.ca,
    resolve: overrides.resolve,
  });
}

@Module({})
export class AppModule {
  static forRoot(
    config: DispatcherConfig,
    logger: Logger,
    overrides: OutboundOverrides = {},
  ): DynamicModule {
    const client = outboundClient(config, overrides);
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot({
          config: { token: DISPATCHER_CONFIG, value: config },
          logger: { token: LOGGER, value: logger },
          providers: [
            { provide: OUTBOUND_CLIENT, useValue: client },
            { provide: OutboundClientCloser, useValue: new OutboundClientCloser(client) },
            ...kafkaProviders,
          ],
        }),
        TypeOrmModule.forRoot({
          ...dispatcherDataSourceOptions(config),
          retryAttempts: 3,
          retryDelay: 1_000,
        }),
        AuthModule,
        MetricsModule.forRoot('dispatcher'),
      ],
      controllers: [
        HealthController,
        WebhooksController,
        WebhookPublicKeyController,
        WebhookUrlSecretController,
        DeliveriesController,
        OperationalWebhookController,
        BackfillController,
        EndpointHealthController,
      ],
      providers: [
        migrationRunnerProvider(config.DATABASE_MIGRATE, logger),
        healthIndicatorsProvider(KafkaHealthIndicator),
        webhookSchemasProvider,
        {
          provide: WebhookCache,
          useFactory: () => new WebhookCache(config.DISPATCHER_WEBHOOK_CACHE_MS),
        },
        WebhooksStore,
        WebhooksService,
        AccountSecrets,
        DeliveryLog,
        DeliveryTargets,
        DeliveryRouter,
        DeliveryWorker,
        OutcomeWrites,
        RetryHandler,
        FanoutHandler,
        DispatcherConsumers,
        DeliveriesQueries,
        ReplayService,
        ResendService,
        DispatcherMetrics,
        DeliveryLogMetrics,
        DeliveryLogPurge,
        RetentionScheduler,
        OperationalWebhookStore,
        OperationalEvents,
        WebhookFailuresStore,
        WebhookHealth,
        BackfillStore,
        BackfillService,
        BackfillRunner,
        EndpointHealthQueries,
      ],
    };
  }
}
