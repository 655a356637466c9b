import { createServiceKafkaClient, KafkaReadinessCheck, type KafkaClient } from '@leadhooks/kafka';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LEADS_CONFIG, type LeadsConfig } from '../config/leads.config';
import { LOGGER } from '../app/tokens';

/** Owns the KafkaClient so Nest closes it after everything that uses it has stopped. */
export class KafkaConnection implements OnApplicationShutdown {
  readonly client: KafkaClient;

  constructor(config: LeadsConfig, logger: Logger) {
    this.client = createServiceKafkaClient(config, logger);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

/**
 * Kafka is not critical for readiness: writes keep working while it is down (the outbox
 * holds their events), so the report says `degraded` and the status stays 200.
 */
export class KafkaHealthIndicator extends KafkaReadinessCheck {
  constructor(client: KafkaClient) {
    super(client, false);
  }
}

export const kafkaProviders: Provider[] = [
  {
    provide: KafkaConnection,
    useFactory: (config: LeadsConfig, logger: Logger) => new KafkaConnection(config, logger),
    inject: [LEADS_CONFIG, LOGGER],
  },
  {
    provide: KafkaHealthIndicator,
    useFactory: (kafka: KafkaConnection) => new KafkaHealthIndicator(kafka.client),
    inject: [KafkaConnection],
  },
];
