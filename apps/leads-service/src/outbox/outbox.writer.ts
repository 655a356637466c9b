import { randomUUID } from 'node:crypto';
import { SaveLeadEvent } from '@leadhooks/contracts';
import type { EntityManager } from 'typeorm';
import type { LeadEntity } from '../leads/lead.entity';
import { toLeadData } from '../leads/lead.mapper';
import { OutboxEntity } from './outbox.entity';

/**
 * Records a lead's save_lead event in the transaction that saved the lead: both commit or
 * neither does. The caller must hold the lead's row lock (a fresh insert, or SELECT ...
 * FOR UPDATE), which makes outbox ids of one lead follow its commit order.
 */
export function appendSaveLead(
  manager: EntityManager,
  lead: LeadEntity,
  requestId: string | undefined,
): Promise<unknown> {
  // Parsed here, not only at publish time: an event that could never be published would
  // otherwise sit at the head of its lead's queue and hold back every later one.
  const event = SaveLeadEvent.parse({
    eventId: randomUUID(),
    type: 'save_lead',
    accountId: lead.accountId,
    occurredAt: lead.updatedAt.toISOString(),
    aggregateId: lead.id,
    aggregateVersion: lead.version,
    payload: { data: toLeadData(lead) },
  } satisfies SaveLeadEvent);
  return manager.insert(OutboxEntity, {
    eventId: event.eventId,
    accountId: event.accountId,
    aggregateId: event.aggregateId,
    aggregateVersion: event.aggregateVersion,
    eventType: event.type,
    payload: event,
    requestId: requestId ?? null,
    createdAt: new Date(),
    sentAt: null,
  });
}
