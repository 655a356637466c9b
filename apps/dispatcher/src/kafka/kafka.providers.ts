import {
  createServiceKafkaClient,
  KafkaReadinessCheck,
  platformTopicSpecs,
  type KafkaClient,
  type TypedProducer,
} from '@leadhooks/kafka';
import type { OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';

/**
 * Owns the KafkaClient and the one producer everything shares (fan-out, retries, dead
 * letters, replays): Nest closes it after everything that uses it has stopped.
 */
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly client: KafkaClient;
  readonly producer: TypedProducer;

  constructor(
    private readonly config: DispatcherConfig,
    logger: Logger,
  ) {
    this.client = createServiceKafkaClient(config, logger);
    this.producer = this.client.createProducer();
  }

  async onModuleInit(): Promise<void> {
    if (this.config.KAFKA_ENSURE_TOPICS)
      await this.client.ensureTopics(
        platformTopicSpecs({ saveLeadRetentionMs: this.config.LEADS_TOPIC_RETENTION }),
      );
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

/** Without Kafka no delivery moves: the dispatcher is not ready. */
export class KafkaHealthIndicator extends KafkaReadinessCheck {
  constructor(client: KafkaClient) {
    super(client, true);
  }
}

export const kafkaProviders: Provider[] = [
  {
    provide: KafkaConnection,
    useFactory: (config: DispatcherConfig, logger: Logger) => new KafkaConnection(config, logger),
    inject: [DISPATCHER_CONFIG, LOGGER],
  },
  {
    provide: KafkaHealthIndicator,
    useFactory: (kafka: KafkaConnection) => new KafkaHealthIndicator(kafka.client),
    inject: [KafkaConnection],
  },
];
