import { randomUUID } from 'node:crypto';
import { Topics } from '@leadhooks/contracts';
import { ConflictException, NotFoundException } from '@leadhooks/http';
import { Injectable } from '@nestjs/common';
import { KafkaConnection } from '../kafka/kafka.providers';
import { WebhooksService } from '../webhooks/webhooks.service';
import type { BackfillRecord, PartitionPosition } from './backfill.record';
import type { StartBackfillInput } from './backfill.schemas';
import { BackfillRunner } from './backfill.runner';
import { BackfillStore } from './backfill.store';
import { backfillWindow } from './backfill.window';

/** Starts, shows and cancels backfills (decision 069); the reading is BackfillRunner's. */
@Injectable()
export class BackfillService {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly kafka: KafkaConnection,
    private readonly store: BackfillStore,
    private readonly runner: BackfillRunner,
  ) {}

  async start(
    accountId: string,
    webhookId: string,
    input: StartBackfillInput,
  ): Promise<BackfillRecord> {
    const webhook = await this.webhooks.get(accountId, webhookId);
    if (!webhook.enabled)
      throw new ConflictException('The webhook is disabled; enable it to backfill', 'enabled');
    if (!webhook.events.includes('save_lead'))
      throw new ConflictException('The webhook does not subscribe to save_lead', 'events');
    const client = this.kafka.client;
    const window = backfillWindow(
      input,
      new Date(),
      await client.topicRetentionMs(Topics.saveLead),
    );
    const [starts, ends] = await Promise.all([
      client.offsetsAtTime(Topics.saveLead, window.since.getTime()),
      client.offsetsAtTime(Topics.saveLead, window.until.getTime()),
    ]);
    const positions: Record<string, PartitionPosition> = {};
    let total = 0n;
    for (const { partition, offset } of starts) {
      const end = ends.find((found) => found.partition === partition)?.offset ?? offset;
      positions[String(partition)] = { next: offset, end };
      if (BigInt(end) > BigInt(offset)) total += BigInt(end) - BigInt(offset);
    }
    const backfill = await this.store.insert({
      id: randomUUID(),
      accountId,
      webhookId,
      ...window,
      positions,
      totalRecords: Number(total),
    });
    this.runner.wake();
    return backfill;
  }

  async get(accountId: string, webhookId: string, id: string): Promise<BackfillRecord> {
    const backfill = await this.store.find(accountId, webhookId, id);
    if (backfill === undefined) throw new NotFoundException('No such backfill of this webhook');
    return backfill;
  }

  /** Stops reading at the next batch; deliveries already handed on still go out. */
  async cancel(accountId: string, webhookId: string, id: string): Promise<BackfillRecord> {
    await this.get(accountId, webhookId, id);
    await this.store.cancel(accountId, webhookId, id);
    return this.get(accountId, webhookId, id);
  }
}
