import { Topics } from '@leadhooks/contracts';
import { Controller, Inject, type BeforeApplicationShutdown } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { parseSaveLeadRecord, type KafkaRecord } from './save-lead-record';
import { DirectoryStore } from './directory.store';

/** Backoff between attempts at a record whose write failed (Postgres away): doubling, capped. */
const firstRetryMs = 200;
const maxRetryMs = 5_000;

/** Thrown to kafkajs when the app stops during a retry: the record stays uncommitted. */
class StoppedBeforeCommitError extends Error {
  constructor() {
    super('stopping: the record is left uncommitted for the next owner of its partition');
  }
}

/**
 * Keeps the lead directory up to date from leads.save_lead, as a Nest Kafka event handler.
 * Thin: it hands each event to the store, whose upsert-if-newer makes redeliveries
 * harmless, so committing after the write is all at-least-once needs. Records of a
 * partition come one after another, so committing each one's next offset after its write
 * never moves the group past a record that is not written.
 */
@Controller()
export class DirectoryController implements BeforeApplicationShutdown {
  private readonly log: Logger;
  private stopping = false;
  private readonly wake = new Set<() => void>();

  constructor(
    private readonly store: DirectoryStore,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ component: 'directory' });
  }

  @EventPattern(Topics.saveLead)
  async onSaveLead(@Payload() record: KafkaRecord, @Ctx() context: KafkaContext): Promise<void> {
    const meta = { partition: context.getPartition(), offset: record.offset };
    const parsed = parseSaveLeadRecord(record);
    if (!parsed.ok) {
      // Nothing to repair here: the lead's next valid version will replace it.
      this.log.error(
        { topic: Topics.saveLead, ...meta, reason: parsed.reason, detail: parsed.detail },
        'skipped a save_lead record that does not match the contract',
      );
    } else {
      await this.applyUntilDone(parsed.event, meta, context);
    }
    await context.getConsumer().commitOffsets([
      {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: (BigInt(record.offset) + 1n).toString(),
      },
    ]);
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
    for (const wake of this.wake) wake();
  }

  /**
   * Retries the same record until its write succeeds: skipping it would lose the lead from
   * the directory. Heartbeats between attempts keep the partition with this member.
   */
  private async applyUntilDone(
    event: Parameters<DirectoryStore['apply']>[0],
    meta: { partition: number; offset: string },
    context: KafkaContext,
  ): Promise<void> {
    for (let failures = 0; ; ) {
      try {
        const outcome = await this.store.apply(event);
        this.log.debug({ eventId: event.eventId, outcome }, 'save_lead applied to the directory');
        return;
      } catch (error) {
        failures += 1;
        const retryInMs = Math.min(maxRetryMs, firstRetryMs * 2 ** (failures - 1));
        this.log.error(
          { ...meta, failures, retryInMs, err: error },
          'directory write failed; retrying the same record',
        );
        if (this.stopping) throw new StoppedBeforeCommitError();
        await this.sleep(retryInMs);
        if (this.stopping) throw new StoppedBeforeCommitError();
        await context.getHeartbeat()();
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake.add(done);
    });
  }
}
