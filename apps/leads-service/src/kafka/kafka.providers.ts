import { KafkaClient, type KafkaLogger } from '@leadhooks/kafka';
import type { HealthIndicator } from '@leadhooks/http';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LEADS_CONFIG, type LeadsConfig } from '../config/leads.config';
import { LOGGER } from '../app/tokens';

/** kafkajs's lines and libs/kafka's own, through the app's pino logger. */
export function pinoKafkaLogger(logger: Logger): KafkaLogger {
  const kafkaLog = logger.child({ component: 'kafka' });
  return ({ level, source, message, fields }) => kafkaLog[level]({ source, ...fields }, message);
}

/** Owns the KafkaClient so Nest closes it after everything that uses it has stopped. */
export class KafkaConnection implements OnApplicationShutdown {
  readonly client: KafkaClient;

  constructor(config: LeadsConfig, logger: Logger) {
    this.client = new KafkaClient({
      brokers: config.KAFKA_BROKERS,
      clientId: config.KAFKA_CLIENT_ID,
      namespace: config.KAFKA_NAMESPACE,
      logLevel: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'info' : 'warn',
      logger: pinoKafkaLogger(logger),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

/**
 * Kafka is not critical for readiness: writes keep working while it is down (the outbox
 * holds their events), so the report says `degraded` and the status stays 200.
 */
export class KafkaHealthIndicator implements HealthIndicator {
  readonly name = 'kafka';
  readonly critical = false;

  constructor(private readonly kafka: KafkaClient) {}

  async check(): Promise<void> {
    const result = await this.kafka.ping();
    if (!result.ok) throw new Error(result.error);
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
