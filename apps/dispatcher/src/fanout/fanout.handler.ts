import { Topics, type TopicName } from '@leadhooks/contracts';
import type { ConsumedMessage } from '@leadhooks/kafka';
import { Injectable } from '@nestjs/common';
import { DeliveryRouter } from '../delivery/delivery.router';
import { DispatcherMetrics } from '../metrics/dispatcher.metrics';
import { WebhooksStore } from '../webhooks/webhooks.store';
import { matchingSubscribers, planLookup, planSaveLead } from './fanout.plan';

export const fanoutTopics = [
  Topics.saveLead,
  Topics.lookupsCompleted,
] as const satisfies readonly TopicName[];
export type FanoutTopic = (typeof fanoutTopics)[number];

/**
 * Turns an event into its deliveries on webhooks.deliveries. Run again for the same event
 * (a crash before the commit), it produces the same delivery ids, so receivers see
 * duplicates they can drop, never two different deliveries of one event.
 */
@Injectable()
export class FanoutHandler {
  constructor(
    private readonly webhooks: WebhooksStore,
    private readonly router: DeliveryRouter,
    private readonly metrics: DispatcherMetrics,
  ) {}

  async handle(message: ConsumedMessage<FanoutTopic>): Promise<number> {
    const now = new Date();
    switch (message.topic) {
      case Topics.saveLead: {
        const event = message.value;
        const subscribers = await this.webhooks.subscribers(event.accountId, event.type);
        const { webhookIds, filteredOut } = matchingSubscribers(event, subscribers);
        const planned = planSaveLead(event, webhookIds, now);
        if (planned.length > 0) await this.router.toDeliveries(planned.map((entry) => entry.value));
        // Counted once the event's deliveries are handed on; a re-run counts again (at-least-once).
        this.metrics.filteredOut(filteredOut);
        return planned.length;
      }
      case Topics.lookupsCompleted:
        await this.router.toDeliveries([planLookup(message.value, now).value]);
        return 1;
    }
  }
}
