import type { HealthIndicator } from '@leadhooks/http';
import {
  KafkaClient,
  platformTopicSpecs,
  type KafkaLogger,
  type TypedProducer,
} from '@leadhooks/kafka';
import type { OnApplicationShutdown, OnModuleInit, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';

function pinoKafkaLogger(logger: Logger): KafkaLogger {
  const kafkaLog = logger.child({ component: 'kafka' });
  return ({ level, source, message, fields }) => kafkaLog[level]({ source, ...fields }, message);
}

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
    this.client = new KafkaClient({
      brokers: config.KAFKA_BROKERS,
      clientId: config.KAFKA_CLIENT_ID,
      namespace: config.KAFKA_NAMESPACE,
      logLevel: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'info' : 'warn',
      logger: pinoKafkaLogger(logger),
    });
    this.producer = this.client.createProducer();
  }

  async onModuleInit(): Promise<void> {
    if (this.config.KAFKA_ENSURE_TOPICS) await this.client.ensureTopics(platformTopicSpecs());
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

/** Without Kafka no delivery moves: the dispatcher is not ready. */
export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  readonly critical = true;

  constructor(private readonly kafka: KafkaClient) {}

  async check(): Promise<void> {
    const result = await this.kafka.ping();
    if (!result.ok) throw new Error(result.error);
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
