import { Topics } from '@leadhooks/contracts';
import type { RangeBatch } from '@leadhooks/kafka';
import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../app/tokens';
import { DISPATCHER_CONFIG, type DispatcherConfig } from '../config/dispatcher.config';
import { DeliveryRouter } from '../delivery/delivery.router';
import { KafkaConnection } from '../kafka/kafka.providers';
import { planBackfillBatch, withoutKnown } from './backfill.batch';
import type { BackfillRecord } from './backfill.record';
import { BackfillStore } from './backfill.store';

/** A reader that stops renewing its lease for this long loses the backfill to another process. */
const leaseMs = 60_000;
/** After a failed reading (Kafka or Postgres away), the wait before it is taken up again. */
const retryDelayMs = 10_000;

/**
 * Reads the backfills of every dispatcher's API, at most BACKFILL_MAX_RUNNING at once in
 * this process, in the processes that run fan-out. Each batch read is handed to the normal
 * delivery path (webhooks.deliveries), then recorded; a cancellation is seen at the next
 * batch. A process that stops hands its backfills back; one that dies loses its lease.
 */
@Injectable()
export class BackfillRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly running = new Map<string, { stop: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: BackfillStore,
    private readonly kafka: KafkaConnection,
    private readonly router: DeliveryRouter,
    @Inject(DISPATCHER_CONFIG) private readonly config: DispatcherConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get enabled(): boolean {
    return this.config.DISPATCHER_CONSUMERS.includes('fanout');
  }

  onApplicationBootstrap(): void {
    if (this.enabled) this.schedule(0);
  }

  /** A backfill was just asked for: look now rather than at the next poll. */
  wake(): void {
    if (!this.enabled || this.stopped) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    for (const run of this.running.values()) run.stop.abort();
    await Promise.all([...this.running.values()].map((run) => run.done));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.polling = (this.polling ?? Promise.resolve())
        .then(() => this.claimFree())
        .finally(() => this.schedule(this.config.BACKFILL_POLL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async claimFree(): Promise<void> {
    const free = this.config.BACKFILL_MAX_RUNNING - this.running.size;
    if (free <= 0 || this.stopped) return;
    try {
      for (const backfill of await this.store.claim(free, leaseMs)) this.start(backfill);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not look for backfills; next poll tries again');
    }
  }

  private start(backfill: BackfillRecord): void {
    const stop = new AbortController();
    const done = this.read(backfill, stop).finally(() => this.running.delete(backfill.id));
    this.running.set(backfill.id, { stop, done });
  }

  private async read(backfill: BackfillRecord, stop: AbortController): Promise<void> {
    const log = this.logger.child({ backfillId: backfill.id, webhookId: backfill.webhookId });
    log.info('backfill reading');
    try {
      const outcome = await this.kafka.client.readRanges({
        topic: Topics.saveLead,
        ranges: Object.entries(backfill.positions).map(([partition, position]) => ({
          partition: Number(partition),
          start: position.next,
          end: position.end,
        })),
        signal: stop.signal,
        handle: (batch) => this.deliver(backfill, batch, stop),
      });
      if (outcome === 'done') await this.store.complete(backfill.id);
      else if (this.stopped) await this.store.retryLater(backfill.id, 'dispatcher stopped', 0);
      log.info({ outcome }, 'backfill reading ended');
    } catch (error) {
      log.warn({ err: error }, 'backfill reading failed; it will be taken up again');
      await this.store
        .retryLater(
          backfill.id,
          error instanceof Error ? error.message : String(error),
          retryDelayMs,
        )
        .catch(() => undefined);
    }
  }

  /** One batch: its deliveries produced (in order), then its progress recorded. */
  private async deliver(
    backfill: BackfillRecord,
    batch: RangeBatch<typeof Topics.saveLead>,
    stop: AbortController,
  ): Promise<void> {
    const planned = planBackfillBatch(
      batch.messages.map((message) => message.value),
      backfill,
      new Date(),
    );
    const known = await this.store.knownDeliveries(planned.map((entry) => entry.value.deliveryId));
    const { send, skipped } = withoutKnown(planned, known);
    if (send.length > 0) await this.router.toDeliveries(send.map((entry) => entry.value));
    const status = await this.store.advance(
      backfill.id,
      {
        partition: batch.partition,
        position: { next: batch.next, end: backfill.positions[String(batch.partition)].end },
        scanned: batch.scanned,
        sent: send.length,
        skipped,
      },
      leaseMs,
    );
    if (status !== 'running') stop.abort();
  }
}
