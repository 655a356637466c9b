import { randomUUID } from 'node:crypto';
import {
  isTopicName,
  parseTopicMessage,
  retryTiers,
  retryTopics,
  safeParseTopicMessage,
  Topics,
} from './topics';

const saveLead = {
  eventId: randomUUID(),
  type: 'save_lead',
  accountId: 'acc_1',
  occurredAt: '2026-11-27T10:00:00.000Z',
  aggregateId: 'lead_1',
  aggregateVersion: 2,
  payload: {
    data: {
      email: 'a@b.test',
      website: 'b.test',
      company: null,
      first_name: null,
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

const lookupCompleted = {
  requestId: 'req_1',
  accountId: 'acc_1',
  endpoint: 'email-verifier',
  webhookUrl: 'https://hooks.example.test/in',
  occurredAt: '2026-11-27T10:00:00+01:00',
  body: {
    email: 'a@b.test',
    status: 'valid',
    score: 90,
    mx: ['mx.b.test'],
    details: { free: false },
  },
};

const delivery = {
  deliveryId: 'msg_1',
  accountId: 'acc_1',
  eventType: 'save_lead',
  eventId: saveLead.eventId,
  destination: { kind: 'webhook', webhookId: 'wh_1' },
  body: JSON.stringify(saveLead.payload),
  createdAt: '2026-11-27T10:00:00.000Z',
  attemptsMade: 0,
};

const deadLetter = {
  ...delivery,
  attemptsMade: 4,
  deadLetteredAt: '2026-11-27T10:30:00.000Z',
  reason: 'HTTP 500 on attempt 4',
};

describe('topic messages', () => {
  it.each([
    [Topics.saveLead, saveLead],
    [Topics.lookupsCompleted, lookupCompleted],
    [Topics.deliveries, delivery],
    [Topics.deliveriesRetry2, { ...delivery, attemptsMade: 2, notBefore: '2026-11-27T10:01:00Z' }],
    [
      Topics.deliveriesRetry3,
      { ...delivery, destination: { kind: 'webhook_url', url: 'https://x.test/h' } },
    ],
    [Topics.deliveriesDlq, deadLetter],
  ] as const)('%s accepts a valid message', (topic, value) => {
    expect(parseTopicMessage(topic, value)).toEqual(value);
  });

  it.each([
    [Topics.saveLead, { ...saveLead, eventId: 'not-a-uuid' }, 'eventId'],
    [Topics.saveLead, { ...saveLead, type: 'delete_lead' }, 'type'],
    [Topics.saveLead, { ...saveLead, aggregateVersion: 0 }, 'aggregateVersion'],
    [Topics.saveLead, { ...saveLead, occurredAt: 'yesterday' }, 'occurredAt'],
    [Topics.saveLead, { ...saveLead, payload: { data: {} } }, 'email'],
    [Topics.lookupsCompleted, { ...lookupCompleted, endpoint: 'lead-finder' }, 'endpoint'],
    [Topics.lookupsCompleted, { ...lookupCompleted, webhookUrl: 'ftp://x.test' }, 'webhookUrl'],
    [Topics.lookupsCompleted, { ...lookupCompleted, body: 'text' }, 'body'],
    [Topics.deliveries, { ...delivery, destination: { kind: 'email', to: 'x' } }, 'kind'],
    [Topics.deliveries, { ...delivery, attemptsMade: -1 }, 'attemptsMade'],
    [Topics.deliveries, { ...delivery, body: { data: 1 } }, 'body'],
    [Topics.deliveriesDlq, delivery, 'reason'],
  ] as const)('%s refuses a message with a bad %s', (topic, value, field) => {
    const result = safeParseTopicMessage(topic, value);
    expect(result.success).toBe(false);
    if (!result.success) expect(JSON.stringify(result.error.issues)).toContain(field);
  });

  it('names the retry ladder in order', () => {
    expect(retryTopics).toEqual([
      'webhooks.deliveries.retry.1',
      'webhooks.deliveries.retry.2',
      'webhooks.deliveries.retry.3',
    ]);
  });

  it('lists the retry tiers shortest first, each named for its delay', () => {
    const units = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
    retryTiers.forEach(({ topic, delayMs }, i) => {
      const [, amount, unit] = /\.(\d+)([smh])$/.exec(topic) ?? [];
      expect(Number(amount) * units[unit as keyof typeof units]).toBe(delayMs);
      if (i > 0) expect(delayMs).toBeGreaterThan(retryTiers[i - 1].delayMs);
    });
  });

  it('knows its topics', () => {
    expect(isTopicName('leads.save_lead')).toBe(true);
    expect(isTopicName('toString')).toBe(false);
  });
});
