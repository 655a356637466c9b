import { randomUUID } from 'node:crypto';
import type { TopicPayloads } from '@leadhooks/contracts';

/** Valid payloads for specs; each call gives a fresh one. */
export function deliveryMessage(
  overrides: Partial<TopicPayloads['webhooks.deliveries']> = {},
): TopicPayloads['webhooks.deliveries'] {
  return {
    deliveryId: `msg_${randomUUID()}`,
    accountId: 'acc_1',
    eventType: 'save_lead',
    eventId: randomUUID(),
    destination: { kind: 'webhook', webhookId: 'wh_1' },
    body: '{"data":{}}',
    createdAt: '2026-11-27T10:00:00.000Z',
    attemptsMade: 0,
    ...overrides,
  };
}

export function saveLeadEvent(aggregateVersion = 1): TopicPayloads['leads.save_lead'] {
  return {
    eventId: randomUUID(),
    type: 'save_lead',
    accountId: 'acc_1',
    occurredAt: '2026-11-27T10:00:00.000Z',
    aggregateId: 'lead_1',
    aggregateVersion,
    payload: {
      data: {
        email: 'ada@example.test',
        website: 'example.test',
        company: null,
        first_name: 'Ada',
        last_name: null,
        phone: null,
        position: null,
        twitter: null,
        linkedin: null,
        notes: null,
        score: 5,
      },
    },
  };
}
