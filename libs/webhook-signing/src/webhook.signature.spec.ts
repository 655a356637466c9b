import { generateSecret } from './webhook-secret';
import { sign, signatureHeaders } from './webhook.signature';
import { verify } from './webhook.verify';

// The "sign function works" vector of the Standard Webhooks reference libraries
// (standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts).
const reference = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe(sign.name, () => {
  it('reproduces the Standard Webhooks reference vector', () => {
    const { secret, id, timestamp, body } = reference;
    expect(sign({ id, timestamp, body, secrets: [secret] })).toBe(reference.signature);
  });

  it('signs bytes and the same text alike', () => {
    const { secret, id, timestamp, body } = reference;
    expect(sign({ id, timestamp, body: Buffer.from(body), secrets: [secret] })).toBe(
      reference.signature,
    );
  });

  it('sends one signature per secret during a rotation, current first', () => {
    const { id, timestamp, body, secret: old } = reference;
    const current = generateSecret();
    const header = sign({ id, timestamp, body, secrets: [current, old] });
    const [first, second] = header.split(' ');
    expect(first).toBe(sign({ id, timestamp, body, secrets: [current] }));
    expect(second).toBe(reference.signature);
  });

  it.each([
    ['no secret', { secrets: [] }],
    ['a fractional timestamp', { timestamp: 1614265330.5 }],
    ['a negative timestamp', { timestamp: -1 }],
  ])('refuses %s', (_case, override) => {
    expect(() => sign({ ...reference, secrets: [reference.secret], ...override })).toThrow(
      RangeError,
    );
  });
});

describe(signatureHeaders.name, () => {
  it('gives the three Standard Webhooks headers, which verify', () => {
    const secret = generateSecret();
    const now = new Date();
    const timestamp = Math.floor(now.getTime() / 1000);
    const body = '{"data":{"email":"ada@example.test","score":1}}';
    const headers = signatureHeaders({ id: 'msg_1', timestamp, body, secrets: [secret] });
    expect(Object.keys(headers).sort()).toEqual([
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
    ]);
    expect(headers['webhook-timestamp']).toBe(String(timestamp));
    expect(verify({ headers, body, secret, now })).toEqual({ ok: true, id: 'msg_1', timestamp });
  });
});
