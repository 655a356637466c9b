import { randomUUID } from 'node:crypto';
import type { LeadData, SaveLeadEvent } from '@leadhooks/contracts';

/**
 * A lead as the API would store it, about the size of a real one. `notes` carries the
 * send time (epoch ms) so the receiver can measure latency from the body alone.
 */
export function benchLead(label: string, sentAt: number | null): LeadData {
  return {
    email: `${label}@bench.test`,
    website: 'https://bench.test',
    company: 'Analytical Engines',
    first_name: 'Ada',
    last_name: 'Lovelace',
    phone: '+44 20 7946 0000',
    position: 'CTO',
    twitter: '@ada',
    linkedin: 'https://linkedin.test/in/ada',
    notes: sentAt === null ? null : String(sentAt),
    score: 87,
  };
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
