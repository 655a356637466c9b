import type {
  DeliveryDeadLetteredData,
  DeliveryMessage,
  WebhookDisabledData,
} from '@leadhooks/contracts';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DeliveryRouter } from '../delivery/delivery.router';
import { deliveryIdFor, destinationKey } from '../fanout/delivery-id';
import { OperationalWebhookStore } from './operational-webhook.store';

export const operationalEventTypes = ['webhook.disabled', 'delivery.dead_lettered'] as const;

export type { DeliveryDeadLetteredData, WebhookDisabledData };

type OperationalEvent =
  | { type: 'webhook.disabled'; data: WebhookDisabledData }
  | { type: 'delivery.dead_lettered'; data: DeliveryDeadLetteredData };

/**
 * Tells an account's operational webhook. The event goes to `webhooks.deliveries` like any
 * delivery (signed, retried, logged, dead-lettered), to the destination `operational`; the
 * worker never raises an operational event about such a delivery, so there are no loops.
 * An account without an operational webhook gets nothing queued.
 */
@Injectable()
export class OperationalEvents {
  constructor(
    private readonly store: OperationalWebhookStore,
    private readonly router: DeliveryRouter,
  ) {}

  async tell(accountId: string, event: OperationalEvent, at: Date): Promise<void> {
    if ((await this.store.find(accountId)) === undefined) return;
    await this.router.toDeliveries([operationalMessage(accountId, event, at)]);
  }
}

export function operationalMessage(
  accountId: string,
  event: OperationalEvent,
  at: Date,
): DeliveryMessage {
  const eventId = randomUUID();
  return {
    deliveryId: deliveryIdFor(eventId, destinationKey.operational(accountId)),
    accountId,
    eventType: event.type,
    eventId,
    destination: { kind: 'operational' },
    body: JSON.stringify({ type: event.type, timestamp: at.toISOString(), data: event.data }),
    createdAt: at.toISOString(),
    attemptsMade: 0,
  };
}
