import type { DeliveryMessage } from '@leadhooks/contracts';
import {
  generateSecret,
  generateSigningKey,
  publicKeyOf,
  verify,
} from '@leadhooks/webhook-signing';
import { prepareRequest } from './delivery.request';

const message: DeliveryMessage = {
  deliveryId: 'msg_abc',
  accountId: 'acc-1',
  eventType: 'save_lead',
  eventId: 'e-1',
  destination: { kind: 'webhook', webhookId: 'w1' },
  // Spaces and a trailing newline: bytes that a re-serializer or axios would change.
  body: '{ "data": {"email": "é@example.test"} }\n',
  createdAt: '2026-11-27T10:00:00.000Z',
  attemptsMade: 2,
};

describe(prepareRequest.name, () => {
  const now = new Date('2026-11-27T10:00:05.000Z');

  it('signs the exact body bytes, with the webhook id and a timestamp in seconds', () => {
    const secret = generateSecret();
    const request = prepareRequest(
      message,
      {
        url: 'https://h.test/',
        method: 'PATCH',
        headers: {},
        secrets: [secret],
        signingKeys: [],
        retryDelaysMs: null,
        failures: { failingSince: null, consecutiveDeadLetters: 0 },
      },
      now,
    );
    expect(request.method).toBe('PATCH');
    expect(Buffer.isBuffer(request.body) && request.body.toString('utf8')).toBe(message.body);
    expect(request.headers).toMatchObject({
      'Content-Type': 'application/json',
      'webhook-event-type': 'save_lead',
      'webhook-id': 'msg_abc',
      'webhook-timestamp': '1795773605',
    });
    const headers = request.headers ?? {};
    expect(verify({ headers, body: request.body ?? '', secret, now }).ok).toBe(true);
  });

  it('signs with every secret given (rotation overlap) and keeps the webhook headers', () => {
    const [current, previous] = [generateSecret(), generateSecret()];
    const request = prepareRequest(
      message,
      {
        url: 'https://h.test/',
        method: 'POST',
        headers: { Authorization: 'Bearer x' },
        secrets: [current, previous],
        signingKeys: [],
        retryDelaysMs: null,
        failures: { failingSince: null, consecutiveDeadLetters: 0 },
      },
      now,
    );
    const headers = request.headers ?? {};
    expect(headers.Authorization).toBe('Bearer x');
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify({ headers, body: request.body ?? '', secret: previous, now }).ok).toBe(true);
  });

  it('signs with ed25519 keys alone when the webhook has no HMAC scheme', () => {
    const [current, previous] = [generateSigningKey(), generateSigningKey()];
    const request = prepareRequest(
      message,
      {
        url: 'https://h.test/',
        method: 'POST',
        headers: {},
        secrets: [],
        signingKeys: [current, previous],
        retryDelaysMs: null,
        failures: { failingSince: null, consecutiveDeadLetters: 0 },
      },
      now,
    );
    const headers = request.headers ?? {};
    expect(headers['webhook-signature']).toMatch(/^v1a,\S+ v1a,\S+$/);
    for (const publicKey of [publicKeyOf(current), publicKeyOf(previous)])
      expect(verify({ headers, body: request.body ?? '', publicKey, now }).ok).toBe(true);
  });
});
