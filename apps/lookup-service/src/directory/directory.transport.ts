import { isTopicName, type TopicName } from '@leadhooks/contracts';
import { consumerRetry, type KafkaClient } from '@leadhooks/kafka';
import type { ConsumerDeserializer, IncomingEvent } from '@nestjs/microservices';
import { ServerKafka } from '@nestjs/microservices';
import type { Consumer } from '@nestjs/microservices/external/kafka.interface';
import type { Logger } from 'pino';
import type { LookupConfig } from '../config/lookup.config';

/** The directory's consumer group (logical: the namespace is prepended like for topics). */
export const directoryGroupId = 'lookup-service.directory';

/**
 * Nest's Kafka transport, fitted to our topic naming. `@EventPattern` takes the logical
 * topic (`leads.save_lead`), fixed when the class is declared; the broker's topic carries the
 * namespace, known only from configuration. So this server subscribes to the physical names
 * of its patterns, and its deserializer hands each record to the pattern of its logical name.
 *
 * Offsets are committed by the handler, never by kafkajs (`autoCommit: false`): a record's
 * offset moves only after its write is durable (directory.controller.ts).
 */
export class DirectoryKafkaServer extends ServerKafka {
  constructor(
    config: LookupConfig,
    private readonly kafka: KafkaClient,
    logger: Logger,
  ) {
    super({
      client: {
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        // kafkajs is chatty at info: its lines show when the app itself logs at debug.
        logLevel: logger.isLevelEnabled('debug') ? 4 : 1,
      },
      consumer: {
        groupId: kafka.physicalGroup(directoryGroupId),
        allowAutoTopicCreation: false,
        // libs/kafka's consumers' retry (decision 057): ~2 s apart while a coordinator
        // moves, rather than kafkajs's doubling that gives up and restarts at ~9 s.
        retry: consumerRetry,
      },
      // Without a postfix the group id is exactly ours (Nest appends "-server" by default).
      postfixId: '',
      // A new deployment builds its directory from everything the topic retains.
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: 1 },
      // The raw bytes reach the deserializer: the contract schema parses them, not Nest's guess.
      parser: { keepBinary: true },
      deserializer: new LogicalTopicDeserializer(kafka),
    });
  }

  /** Subscribes to `<namespace>.<pattern>` for each logical topic an @EventPattern names. */
  override async bindEvents(consumer: Consumer): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    const topics = patterns.map((pattern) => {
      if (!isTopicName(pattern))
        throw new Error(`@EventPattern(${pattern}) is not a topic of ours`);
      return this.kafka.physicalTopic(pattern);
    });
    if (topics.length > 0) await consumer.subscribe({ ...this.options.subscribe, topics });
    await consumer.run({ ...this.options.run, eachMessage: this.getMessageHandler() });
  }
}

/** Maps a record's physical topic back to its logical name, which is the handler's pattern. */
class LogicalTopicDeserializer implements ConsumerDeserializer {
  constructor(private readonly kafka: KafkaClient) {}

  deserialize(value: unknown, options?: Record<string, unknown>): IncomingEvent {
    const channel = String(options?.channel);
    const logical = logicalTopicOf(channel, this.kafka.namespace);
    return { pattern: logical ?? channel, data: value };
  }
}

function logicalTopicOf(physical: string, namespace: string | undefined): TopicName | undefined {
  const prefix = namespace === undefined ? '' : `${namespace}.`;
  const logical = physical.startsWith(prefix) ? physical.slice(prefix.length) : undefined;
  return logical !== undefined && isTopicName(logical) ? logical : undefined;
}
