import type { Provider } from '@nestjs/common';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { webhookBodySchemas } from './webhook.schemas';

/** The request schemas, built once with the deployment's outbound policy (http, private addresses). */
export abstract class WebhookSchemas {
  abstract readonly create: ReturnType<typeof webhookBodySchemas>['create'];
  abstract readonly update: ReturnType<typeof webhookBodySchemas>['update'];
}

export const webhookSchemasProvider: Provider = {
  provide: WebhookSchemas,
  useFactory: (config: DispatcherConfig) =>
    webhookBodySchemas({
      allowHttp: config.WEBHOOK_ALLOW_HTTP,
      allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
    }),
  inject: [DISPATCHER_CONFIG],
};
