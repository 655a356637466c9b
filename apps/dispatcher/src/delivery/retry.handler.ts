import { retryTiers } from '@leadhooks/contracts';
import type { ConsumedMessage } from '@leadhooks/kafka';
import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryWorker } from './delivery.worker';
import { DeliveryRouter } from './delivery.router';
import { admitAt, stepAt, type RetryTopic } from './retry-tiers';

const shortestTierMs = retryTiers[0].delayMs;

/** When the consumer engine admits a retry record: see `admitAt` (decision 061). */
export function retryDueAt(message: ConsumedMessage<RetryTopic>): number {
  const notBefore = message.value.notBefore;
  return admitAt(message.topic, message.timestamp, notBefore ? Date.parse(notBefore) : 0);
}

/**
 * One record of a retry topic, admitted by the consumer engine at `retryDueAt` like a
 * first attempt (its endpoint's cap applies): attempt it when due, or hop to the next tier.
 * A long wait never holds a partition: it travels (decision 061). The waiting itself is
 * the engine's admission (decision 068), so a stop or a rebalance drops a waiting record
 * instead of attempting it beside the partition's next owner.
 */
@Injectable()
export class RetryHandler {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly router: DeliveryRouter,
  ) {}

  async handle(message: ConsumedMessage<RetryTopic>): Promise<void> {
    const delivery = message.value;
    const notBeforeMs = delivery.notBefore === undefined ? 0 : Date.parse(delivery.notBefore);
    const step = stepAt(Date.now(), notBeforeMs);
    if (step.kind === 'hop') return this.router.toTier(delivery, step.topic);
    // A timer may fire a millisecond early; never attempt before the due time.
    if (step.kind === 'wait') await sleep(step.ms);
    await this.worker.attempt(delivery);
  }

  /**
   * A due retry whose endpoint is at its in-flight cap with as many again waiting (a
   * hanging endpoint): back to the shortest tier, due a tier's delay from now, so that
   * endpoint's backlog travels instead of filling the partition's window (decision 068).
   */
  async moveBack(message: ConsumedMessage<RetryTopic>): Promise<void> {
    await this.router.toRetry(message.value, new Date(Date.now() + shortestTierMs));
  }
}
