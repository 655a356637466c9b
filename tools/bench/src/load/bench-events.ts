import { randomUUID } from 'node:crypto';
import type { LeadData, SaveLeadEvent } from '@leadhooks/contracts';
import { fullLead } from '@leadhooks/testing';

/**
 * A lead with every field set, about the size of a real one. `notes` carries the send
 * time (epoch ms) so the receiver can measure latency from the body alone.
 */
export function benchLead(label: string, sentAt: number | null): LeadData {
  return fullLead(`${label}@bench.test`, { notes: sentAt === null ? null : String(sentAt) });
}

/** What leads-service's outbox would publish for a new lead. */
export function benchSaveLead(
  accountId: string,
  label: string,
  sentAt: number | null,
): SaveLeadEvent {
  return {
    eventId: randomUUID(),
    type: 'save_lead',
    accountId,
    occurredAt: new Date().toISOString(),
    aggregateId: randomUUID(),
    aggregateVersion: 1,
    payload: { data: benchLead(label, sentAt) },
  };
}
