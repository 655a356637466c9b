import nacl from 'tweetnacl';
import { asymmetricEntry, signedContent } from './webhook.asymmetric';
import { generateSecret, InvalidSecretError } from './webhook-secret';
import {
  generateSigningKey,
  isValidPublicKey,
  isValidSigningKey,
  publicKeyOf,
} from './webhook-signing-key';
import { sign, signatureHeaders } from './webhook.signature';
import { verify } from './webhook.verify';

// RFC 8032 section 7.1, TEST 1: the empty message.
const rfc8032 = {
  seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
  publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
  signature:
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
};
const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const timestamp = 1614265330;
const now = new Date(timestamp * 1000);
const body = '{"data":{"email":"ada@example.test","score":72}}';

/** Verifies a `v1a` entry with tweetnacl, an ed25519 implementation independent of Node's OpenSSL. */
function naclVerifies(entry: string, publicKey: string): boolean {
  const signature = Buffer.from(entry.slice('v1a,'.length), 'base64');
  const key = Buffer.from(publicKey.slice('whpk_'.length), 'base64');
  return nacl.sign.detached.verify(signedContent(id, timestamp, body), signature, key);
}

describe('ed25519 (v1a) signatures', () => {
  it('reproduces the RFC 8032 test vector', () => {
    const key = `whsk_${b64(rfc8032.seed)}`;
    expect(publicKeyOf(key)).toBe(`whpk_${b64(rfc8032.publicKey)}`);
    expect(asymmetricEntry(key, Buffer.alloc(0))).toBe(`v1a,${b64(rfc8032.signature)}`);
  });

  it('makes whsk_ keys of 32 bytes whose signatures an independent implementation verifies', () => {
    const key = generateSigningKey();
    expect(key).toMatch(/^whsk_[A-Za-z0-9+/]{43}=$/);
    expect(isValidSigningKey(key)).toBe(true);
    expect(isValidPublicKey(publicKeyOf(key))).toBe(true);
    expect(isValidPublicKey(key)).toBe(false);
    expect(generateSigningKey()).not.toBe(key);
    const header = sign({ id, timestamp, body, secrets: [], signingKeys: [key] });
    expect(header).toMatch(/^v1a,[A-Za-z0-9+/]{86}==$/);
    expect(naclVerifies(header, publicKeyOf(key))).toBe(true);
    expect(naclVerifies(header, publicKeyOf(generateSigningKey()))).toBe(false);
  });

  it('sends v1 entries first, then one v1a per key; each verifies on its own', () => {
    const secret = generateSecret();
    const [current, previous] = [generateSigningKey(), generateSigningKey()];
    const headers = signatureHeaders({
      id,
      timestamp,
      body,
      secrets: [secret],
      signingKeys: [current, previous],
    });
    const entries = headers['webhook-signature'].split(' ');
    expect(entries.map((entry) => entry.split(',')[0])).toEqual(['v1', 'v1a', 'v1a']);
    for (const publicKey of [publicKeyOf(current), publicKeyOf(previous)]) {
      expect(verify({ headers, body, publicKey, now })).toEqual({ ok: true, id, timestamp });
    }
    expect(verify({ headers, body, secret, now }).ok).toBe(true);
  });

  const key = generateSigningKey();
  const publicKey = publicKeyOf(key);
  const signed = signatureHeaders({ id, timestamp, body, secrets: [], signingKeys: [key] });
  const signature = signed['webhook-signature'];
  it.each([
    ['a tampered body', { body: body.replace('72', '73') }],
    ['another id', { headers: { ...signed, 'webhook-id': 'msg_other' } }],
    ['another key', { publicKey: publicKeyOf(generateSigningKey()) }],
    [
      'the signature under v1',
      { headers: { ...signed, 'webhook-signature': signature.replace('v1a,', 'v1,') } },
    ],
    [
      'a truncated signature',
      { headers: { ...signed, 'webhook-signature': signature.slice(0, 40) } },
    ],
    ['garbage in the entry', { headers: { ...signed, 'webhook-signature': 'v1a,!!!! v1a, v1a' } }],
    ['64 zero bytes', { headers: { ...signed, 'webhook-signature': `v1a,${'A'.repeat(86)}==` } }],
  ])('refuses %s', (_case, override) => {
    expect(verify({ headers: signed, body, publicKey, now, ...override })).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it.each([
    [
      'a whsec_ secret as a signing key',
      () => sign({ id, timestamp, body, secrets: [], signingKeys: [generateSecret()] }),
    ],
    ['a short key', () => publicKeyOf('whsk_AAAA')],
    ['a signing key as a public key', () => verify({ headers: signed, body, publicKey: key, now })],
  ])('throws InvalidSecretError for %s, never quoting it', (_case, run) => {
    expect(run).toThrow(InvalidSecretError);
    try {
      run();
    } catch (error) {
      expect(String(error)).not.toContain(key.slice(5));
    }
  });

  it('refuses to sign or verify with nothing', () => {
    expect(() => sign({ id, timestamp, body, secrets: [], signingKeys: [] })).toThrow(RangeError);
    expect(() => verify({ headers: signed, body, now })).toThrow(RangeError);
  });
});
