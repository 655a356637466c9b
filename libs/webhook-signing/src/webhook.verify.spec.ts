import { generateSecret, InvalidSecretError } from './webhook-secret';
import { signatureHeaders } from './webhook.signature';
import { verify, type HeaderBag, type VerifyResult } from './webhook.verify';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const otherSecret = generateSecret();
const body = '{"test": 2432232314}';
const timestamp = 1614265330;
const now = new Date(timestamp * 1000);
const signed = signatureHeaders({
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp,
  body,
  secrets: [secret],
});
const bogus = 'v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=';

function without(name: string): HeaderBag {
  return Object.fromEntries(Object.entries(signed).filter(([key]) => key !== name));
}

const ok: VerifyResult = { ok: true, id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp };

describe(verify.name, () => {
  it.each<[string, Partial<Parameters<typeof verify>[0]>, VerifyResult]>([
    ['a valid delivery', {}, ok],
    [
      'the reference header text',
      {
        headers: {
          ...signed,
          'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
        },
      },
      ok,
    ],
    [
      'capitalised header names',
      {
        headers: {
          'Webhook-Id': signed['webhook-id'],
          'Webhook-Timestamp': String(timestamp),
          'Webhook-Signature': signed['webhook-signature'],
        },
      },
      ok,
    ],
    [
      'array header values (Node)',
      { headers: { ...signed, 'webhook-signature': [signed['webhook-signature']] } },
      ok,
    ],
    ['a raw Buffer body', { body: Buffer.from(body) }, ok],
    [
      'several signatures, one valid, other versions ignored',
      {
        headers: {
          ...signed,
          'webhook-signature': `${bogus} v2,${bogus.slice(3)} ${signed['webhook-signature']}`,
        },
      },
      ok,
    ],
    ['the old secret during a rotation', { secret: [otherSecret, secret] }, ok],
    ['4m59s of clock skew', { now: new Date((timestamp + 299) * 1000) }, ok],
    [
      'a custom tolerance',
      { now: new Date((timestamp + 3600) * 1000), toleranceSeconds: 3600 },
      ok,
    ],
    [
      'a tampered body',
      { body: body.replace('2432', '2433') },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'another id',
      { headers: { ...signed, 'webhook-id': 'msg_other' } },
      { ok: false, reason: 'bad-signature' },
    ],
    ['a wrong secret', { secret: otherSecret }, { ok: false, reason: 'bad-signature' }],
    [
      'a bogus signature',
      { headers: { ...signed, 'webhook-signature': bogus } },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a truncated signature',
      { headers: { ...signed, 'webhook-signature': signed['webhook-signature'].slice(0, 8) } },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'an empty v1 entry',
      { headers: { ...signed, 'webhook-signature': 'v1,' } },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'the right signature under v2',
      {
        headers: {
          ...signed,
          'webhook-signature': signed['webhook-signature'].replace('v1,', 'v2,'),
        },
      },
      { ok: false, reason: 'bad-signature' },
    ],
    [
      'a stale timestamp',
      { now: new Date((timestamp + 301) * 1000) },
      { ok: false, reason: 'stale-timestamp', skewSeconds: 301 },
    ],
    [
      'a timestamp from the future',
      { now: new Date((timestamp - 301) * 1000) },
      { ok: false, reason: 'stale-timestamp', skewSeconds: -301 },
    ],
    [
      'a non-numeric timestamp',
      { headers: { ...signed, 'webhook-timestamp': 'hello' } },
      { ok: false, reason: 'invalid-timestamp' },
    ],
    [
      'a timestamp in milliseconds',
      { headers: { ...signed, 'webhook-timestamp': '1614265330.5' } },
      { ok: false, reason: 'invalid-timestamp' },
    ],
    [
      'no webhook-id',
      { headers: without('webhook-id') },
      { ok: false, reason: 'missing-header', header: 'webhook-id' },
    ],
    [
      'no webhook-timestamp',
      { headers: without('webhook-timestamp') },
      { ok: false, reason: 'missing-header', header: 'webhook-timestamp' },
    ],
    [
      'no webhook-signature',
      { headers: without('webhook-signature') },
      { ok: false, reason: 'missing-header', header: 'webhook-signature' },
    ],
    [
      'an empty webhook-signature',
      { headers: { ...signed, 'webhook-signature': '' } },
      { ok: false, reason: 'missing-header', header: 'webhook-signature' },
    ],
  ])('%s', (_case, override, expected) => {
    expect(verify({ headers: signed, body, secret, now, ...override })).toEqual(expected);
  });

  it('round-trips fresh secrets, ids and bodies', () => {
    for (let i = 0; i < 20; i += 1) {
      const fresh = generateSecret();
      const payload = JSON.stringify({ data: { i, notes: 'ünïcödé ✓' } });
      const headers = signatureHeaders({
        id: `msg_${i}`,
        timestamp,
        body: payload,
        secrets: [fresh],
      });
      expect(verify({ headers, body: payload, secret: fresh, now }).ok).toBe(true);
    }
  });

  it('throws for a malformed secret of the receiver, not for anything the sender sends', () => {
    expect(() => verify({ headers: signed, body, secret: 'not-a-secret', now })).toThrow(
      InvalidSecretError,
    );
  });
});
