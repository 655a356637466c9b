import type { SaveLeadEvent } from '@leadhooks/contracts';
import { planSaveLead, type PlannedDelivery } from '../fanout/fanout.plan';

/**
 * What one batch of leads.save_lead gives one webhook: the account's events, in the order
 * read, each as the delivery fan-out would have made (same id: decision 069), minus those
 * the delivery log already has (`known`). Events of other accounts are only skipped.
 */
export function planBackfillBatch(
  events: readonly SaveLeadEvent[],
  target: { accountId: string; webhookId: string },
  now: Date,
): PlannedDelivery[] {
  return events
    .filter((event) => event.accountId === target.accountId)
    .flatMap((event) => planSaveLead(event, [target.webhookId], now));
}

/** The planned deliveries split into those to send and those the log already has. */
export function withoutKnown(
  planned: readonly PlannedDelivery[],
  known: ReadonlySet<string>,
): { send: PlannedDelivery[]; skipped: number } {
  const send = planned.filter((entry) => !known.has(entry.value.deliveryId));
  return { send, skipped: planned.length - send.length };
}
