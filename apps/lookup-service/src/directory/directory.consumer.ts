import { Topics } from '@leadhooks/contracts';
import type { RunningConsumer } from '@leadhooks/kafka';
import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { KafkaConnection } from '../kafka/kafka.providers';
import type { DirectoryStore } from './directory.store';

/**
 * Keeps the lead directory up to date from leads.save_lead. Thin: it hands each event
 * to the store, whose upsert-if-newer makes redeliveries harmless, so committing after
 * the write is all at-least-once needs.
 */
export class DirectoryConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer: RunningConsumer<typeof Topics.saveLead> | undefined;
  private readonly log: Logger;

  constructor(
    private readonly kafka: KafkaConnection,
    private readonly store: DirectoryStore,
    logger: Logger,
  ) {
    this.log = logger.child({ component: 'directory' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.kafka.topics();
    this.consumer = await this.kafka.client.runConsumer({
      groupId: 'lookup-service.directory',
      topics: [Topics.saveLead],
      // A new deployment builds its directory from everything the topic retains.
      startFrom: 'earliest',
      handle: async (message) => {
        const outcome = await this.store.apply(message.value);
        this.log.debug(
          { eventId: message.value.eventId, outcome },
          'save_lead applied to the directory',
        );
      },
      onInvalid: async (record) => {
        // Nothing to repair here: the lead's next valid version will replace it.
        this.log.error(
          {
            topic: record.topic,
            partition: record.partition,
            offset: record.offset,
            reason: record.reason,
            detail: record.detail,
          },
          'skipped a save_lead record that does not match the contract',
        );
      },
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
