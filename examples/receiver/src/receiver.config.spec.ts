import { generateSecret, generateSigningKey, publicKeyOf } from '@leadhooks/webhook-signing';
import { receiverConfig } from './receiver.config';

describe(receiverConfig.name, () => {
  const publicKey = publicKeyOf(generateSigningKey());

  it('takes secrets, public keys or both, comma-separated', () => {
    const secret = generateSecret();
    expect(receiverConfig([], { WEBHOOK_PUBLIC_KEY: `${publicKey}, ${publicKey}` })).toMatchObject({
      secrets: [],
      publicKeys: [publicKey, publicKey],
    });
    expect(
      receiverConfig([], { WEBHOOK_SECRET: secret, WEBHOOK_PUBLIC_KEY: publicKey }),
    ).toMatchObject({ secrets: [secret], publicKeys: [publicKey] });
  });

  it.each([
    ['neither', {}, /WEBHOOK_SECRET .* or WEBHOOK_PUBLIC_KEY .* is required/],
    ['a private key as the public key', { WEBHOOK_PUBLIC_KEY: generateSigningKey() }, /whpk_/],
    ['a truncated public key', { WEBHOOK_PUBLIC_KEY: publicKey.slice(0, 20) }, /whpk_/],
    ['a public key as the secret', { WEBHOOK_SECRET: publicKey }, /whsec_/],
  ])('refuses %s, naming the variable and never the value', (_case, env, message) => {
    expect(() => receiverConfig([], env)).toThrow(message);
    try {
      receiverConfig([], env);
    } catch (error) {
      for (const value of Object.values(env)) expect(String(error)).not.toContain(value);
    }
  });
});
