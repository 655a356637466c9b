import {
  generateSecret,
  InvalidSecretError,
  isValidSecret,
  secretKey,
  secretProblem,
} from './webhook-secret';

describe(generateSecret.name, () => {
  it.each([24, 32, 64])('holds %i random bytes behind the whsec_ prefix', (bytes) => {
    const secret = generateSecret(bytes);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(secretKey(secret)).toHaveLength(bytes);
  });

  it('defaults to 32 bytes and never repeats', () => {
    const secrets = new Set(Array.from({ length: 50 }, () => generateSecret()));
    expect(secrets.size).toBe(50);
    expect(secretKey([...secrets][0])).toHaveLength(32);
  });

  it.each([0, 23, 65, 31.5])('refuses %p bytes', (bytes) => {
    expect(() => generateSecret(bytes)).toThrow(RangeError);
  });
});

describe(secretKey.name, () => {
  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
    ['empty key', 'whsec_'],
    ['not base64', 'whsec_not base64!'],
    ['unpadded', 'whsec_YWJj' + 'ZA'],
  ])('refuses a secret with %s', (_case, secret) => {
    expect(() => secretKey(secret)).toThrow(InvalidSecretError);
    expect(isValidSecret(secret)).toBe(false);
  });

  it('decodes the reference secret', () => {
    expect(isValidSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe(true);
    expect(secretKey('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toHaveLength(24);
  });
});

describe(secretProblem.name, () => {
  it.each([24, 32, 64])('accepts a secret of %i bytes', (bytes) => {
    expect(secretProblem(generateSecret(bytes))).toBeUndefined();
  });
  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', /must start with "whsec_"/],
    ['16 bytes', `whsec_${Buffer.alloc(16, 1).toString('base64')}`, /24 to 64 key bytes, not 16/],
    ['65 bytes', `whsec_${Buffer.alloc(65, 1).toString('base64')}`, /24 to 64 key bytes, not 65/],
    ['spaces', 'whsec_ MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', /padded base64/],
  ])('refuses %s, without quoting it', (_case, secret, message) => {
    const problem = secretProblem(secret);
    expect(problem).toMatch(message);
    expect(problem).not.toContain(secret.slice(8, 20));
  });
});
