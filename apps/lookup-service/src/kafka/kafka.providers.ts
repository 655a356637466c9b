import { Topics } from '@leadhooks/contracts';
import {
  createServiceKafkaClient,
  KafkaReadinessCheck,
  platformTopicSpecs,
  type KafkaClient,
} from '@leadhooks/kafka';
import type { OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { LOOKUP_CONFIG, type LookupConfig } from '../config/lookup.config';

/** The topics lookup-service reads (leads.save_lead) and writes (lookups.completed). */
export const lookupTopicSpecs = () =>
  platformTopicSpecs().filter(
    (spec) => spec.topic === Topics.saveLead || spec.topic === Topics.lookupsCompleted,
  );

/** Owns the KafkaClient so Nest closes it after everything that uses it has stopped. */
export class KafkaConnection implements OnApplicationShutdown {
  readonly client: KafkaClient;
  private topicsReady: Promise<void> | undefined;

  constructor(
    config: LookupConfig,
    logger: Logger,
    private readonly ensure = config.KAFKA_ENSURE_TOPICS,
  ) {
    this.client = createServiceKafkaClient(config, logger);
  }

  /** Provisions this service's topics once (when KAFKA_ENSURE_TOPICS); every user awaits it first. */
  topics(): Promise<void> {
    if (!this.ensure) return Promise.resolve();
    this.topicsReady ??= this.client
      .ensureTopics(lookupTopicSpecs())
      .then(() => undefined)
      .catch((error: unknown) => {
        this.topicsReady = undefined;
        throw error;
      });
    return this.topicsReady;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown();
  }
}

/**
 * Critical: without Kafka a lookup with webhook_url cannot be accepted, and the
 * directory goes stale. Lookups without webhook_url would still work, but an instance
 * that cannot honour the contract of all six endpoints should not take traffic.
 */
export class KafkaHealthIndicator extends KafkaReadinessCheck {
  constructor(client: KafkaClient) {
    super(client, true);
  }
}

export const kafkaProviders: Provider[] = [
  {
    provide: KafkaConnection,
    useFactory: (config: LookupConfig, logger: Logger) => new KafkaConnection(config, logger),
    inject: [LOOKUP_CONFIG, LOGGER],
  },
  {
    provide: KafkaHealthIndicator,
    useFactory: (kafka: KafkaConnection) => new KafkaHealthIndicator(kafka.client),
    inject: [KafkaConnection],
  },
];
