import type { LookupCompleted, SaveLeadEvent } from '@leadhooks/contracts';
import { deliveryIdFor, destinationKey } from './delivery-id';
import { matchingSubscribers, planLookup, planSaveLead } from './fanout.plan';

const now = new Date('2026-11-27T10:00:00.000Z');
const event: SaveLeadEvent = {
  eventId: '6f1c3a52-8a51-4c47-9c1f-2b0a4d1f7e10',
  type: 'save_lead',
  accountId: 'acc-1',
  occurredAt: now.toISOString(),
  aggregateId: 'lead-1',
  aggregateVersion: 3,
  payload: {
    data: {
      email: 'a@example.test',
      website: '',
      company: null,
      first_name: 'A',
      last_name: null,
      phone: null,
      position: null,
      twitter: null,
      linkedin: null,
      notes: null,
      score: 0,
    },
  },
};

describe(planSaveLead.name, () => {
  it('makes one first attempt per webhook, keyed by endpoint, with the payload as the whole body', () => {
    const planned = planSaveLead(event, ['w1', 'w2'], now);
    expect(planned.map((p) => p.key)).toEqual(['webhook:w1', 'webhook:w2']);
    expect(planned[0].value).toEqual({
      deliveryId: deliveryIdFor(event.eventId, destinationKey.webhook('w1')),
      accountId: 'acc-1',
      eventType: 'save_lead',
      eventId: event.eventId,
      destination: { kind: 'webhook', webhookId: 'w1' },
      body: JSON.stringify({ data: event.payload.data }),
      createdAt: now.toISOString(),
      attemptsMade: 0,
    });
  });

  it('is deterministic: planning the same event again gives the same ids', () => {
    const ids = (list: ReturnType<typeof planSaveLead>) => list.map((p) => p.value.deliveryId);
    expect(ids(planSaveLead(event, ['w1'], now))).toEqual(
      ids(planSaveLead(event, ['w1'], new Date())),
    );
  });

  it('plans nothing without subscribers', () => {
    expect(planSaveLead(event, [], now)).toEqual([]);
  });
});

describe(planLookup.name, () => {
  it('sends the response body verbatim to the webhook_url', () => {
    const lookup: LookupCompleted = {
      requestId: 'req-1',
      accountId: 'acc-1',
      endpoint: 'email-finder',
      webhookUrl: 'https://hooks.example.com/x',
      occurredAt: now.toISOString(),
      body: { data: { email: 'a@example.test', score: 91 } },
    };
    const planned = planLookup(lookup, now);
    expect(planned.key).toBe('url:https://hooks.example.com/x');
    expect(planned.value).toMatchObject({
      eventType: 'lookup.completed',
      eventId: 'req-1',
      destination: { kind: 'webhook_url', url: 'https://hooks.example.com/x' },
      body: '{"data":{"email":"a@example.test","score":91}}',
    });
  });
});

describe(matchingSubscribers.name, () => {
  const scored = (score: number, website: string): SaveLeadEvent => ({
    ...event,
    payload: { data: { ...event.payload.data, score, website } },
  });
  const subscribers = [
    { id: 'all', filter: null },
    {
      id: 'high-io',
      filter: {
        all: [
          { path: 'data.score', gte: 50 },
          { path: 'data.website', ends_with: '.io' },
        ],
      },
    },
    { id: 'no-io', filter: { not: { path: 'data.website', ends_with: '.io' } } },
  ];

  it.each([
    [scored(80, 'acme.io'), ['all', 'high-io'], 1],
    [scored(20, 'acme.io'), ['all'], 2],
    [scored(80, 'acme.com'), ['all', 'no-io'], 1],
  ])('keeps the webhooks whose filter matches, counting the others', (lead, ids, filtered) => {
    expect(matchingSubscribers(lead, subscribers)).toEqual({
      webhookIds: ids,
      filteredOut: filtered,
    });
  });
});
