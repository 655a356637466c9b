import type { SaveLeadEvent } from '@leadhooks/contracts';
import { deliveryIdFor, destinationKey } from '../fanout/delivery-id';
import { planBackfillBatch, withoutKnown } from './backfill.batch';

const now = new Date('2026-12-08T01:00:00.000Z');
const event = (eventId: string, accountId: string, version: number): SaveLeadEvent => ({
  eventId,
  type: 'save_lead',
  accountId,
  occurredAt: now.toISOString(),
  aggregateId: 'lead-1',
  aggregateVersion: version,
  payload: {
    data: {
      email: `v${version}@example.test`,
      website: '',
      company: null,
      first_name: null,
      last_name: null,
      phone: null,
      position: null,
      twitter: null,
      linkedin: null,
      notes: null,
      score: version,
    },
  },
});
const target = { accountId: 'acc-1', webhookId: 'w1' };

describe(planBackfillBatch.name, () => {
  it("keeps the account's events in the order read, skipping other accounts'", () => {
    const planned = planBackfillBatch(
      [event('e1', 'acc-1', 1), event('e2', 'acc-2', 1), event('e3', 'acc-1', 2)],
      target,
      now,
    );
    expect(planned.map((entry) => entry.value.eventId)).toEqual(['e1', 'e3']);
    expect(planned.map((entry) => entry.value.body)).toEqual([
      JSON.stringify(event('e1', 'acc-1', 1).payload),
      JSON.stringify(event('e3', 'acc-1', 2).payload),
    ]);
  });

  it('gives each event the webhook-id fan-out would have given it, for this webhook only', () => {
    const [planned] = planBackfillBatch([event('e1', 'acc-1', 1)], target, now);
    expect(planned.value.deliveryId).toBe(deliveryIdFor('e1', destinationKey.webhook('w1')));
    expect(planned.value.destination).toEqual({ kind: 'webhook', webhookId: 'w1' });
    expect(planned.key).toBe(destinationKey.webhook('w1'));
  });
});

describe(withoutKnown.name, () => {
  it('drops the deliveries the log already has and counts them', () => {
    const planned = planBackfillBatch(
      [event('e1', 'acc-1', 1), event('e2', 'acc-1', 2)],
      target,
      now,
    );
    const known = new Set([planned[0].value.deliveryId]);
    const { send, skipped } = withoutKnown(planned, known);
    expect(send.map((entry) => entry.value.eventId)).toEqual(['e2']);
    expect(skipped).toBe(1);
  });
});
