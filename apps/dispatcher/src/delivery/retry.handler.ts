import type { ConsumedMessage } from '@leadhooks/kafka';
import { Injectable } from '@nestjs/common';
import { DeliveryWorker } from './delivery.worker';
import { DeliveryRouter } from './delivery.router';
import { stepAt, wakeAt, type RetryTopic } from './retry-tiers';

/** Thrown when the dispatcher stops while a retry waits: it stays uncommitted. */
export class RetryWaitAborted extends Error {
  override readonly name = 'RetryWaitAborted';
}

/**
 * One record of a retry topic, taken by the windowed consumer like a first attempt (its
 * endpoint's cap applies): wait in its slot until its tier's delay has passed (records
 * behind it in the topic are due no sooner), then attempt it, wait out a short remainder,
 * or hop to the next tier. A long wait never holds a partition: it travels (decision 061).
 */
@Injectable()
export class RetryHandler {
  constructor(
    private readonly worker: DeliveryWorker,
    private readonly router: DeliveryRouter,
  ) {}

  async handle(message: ConsumedMessage<RetryTopic>, stopping: AbortSignal): Promise<void> {
    const delivery = message.value;
    const notBeforeMs = delivery.notBefore === undefined ? 0 : Date.parse(delivery.notBefore);
    await sleepUntil(wakeAt(message.topic, message.timestamp, notBeforeMs), stopping);
    const step = stepAt(Date.now(), notBeforeMs);
    if (step.kind === 'hop') return this.router.toTier(delivery, step.topic);
    if (step.kind === 'wait') await sleepUntil(Date.now() + step.ms, stopping);
    await this.worker.attempt(delivery);
  }
}

/** Resolves at `atMs`; rejects once `signal` aborts (the record must not commit then). */
function sleepUntil(atMs: number, signal: AbortSignal): Promise<void> {
  const ms = atMs - Date.now();
  if (signal.aborted) return Promise.reject(new RetryWaitAborted('the dispatcher is stopping'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new RetryWaitAborted('the dispatcher is stopping'));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
