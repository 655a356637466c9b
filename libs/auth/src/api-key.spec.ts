import {
  apiKeyMatches,
  apiKeyPrefix,
  generateApiKey,
  hashApiKey,
  presentedApiKey,
} from './api-key';

describe(generateApiKey.name, () => {
  it('makes distinct well-formed keys whose prefix and hash match', () => {
    const first = generateApiKey();
    const second = generateApiKey();
    expect(first.key).not.toBe(second.key);
    expect(apiKeyPrefix(first.key)).toBe(first.prefix);
    expect(apiKeyMatches(first.key, first.hash)).toBe(true);
    expect(apiKeyMatches(second.key, first.hash)).toBe(false);
    expect(first.hash.equals(hashApiKey(first.key))).toBe(true);
  });

  it.each([
    '',
    'lh_',
    'lh_zzzzzzzzzzzz_' + 'a'.repeat(43),
    'sk_live_123',
    `${generateApiKey().key}x`,
  ])('finds no prefix in %j', (candidate) => {
    expect(apiKeyPrefix(candidate)).toBeUndefined();
  });
});

describe(presentedApiKey.name, () => {
  it.each([
    [{ authorization: ['Bearer k1'] }, 'k1'],
    [{ authorization: ['bearer   k1 '] }, 'k1'],
    [{ 'x-api-key': ['k2'] }, 'k2'],
    [{ 'x-api-key': [' k2 '] }, 'k2'],
    [{ authorization: ['Bearer k1'], 'x-api-key': ['k1'] }, 'k1'],
    [{ authorization: ['Bearer k1', 'Bearer k1'] }, 'k1'],
    [{ 'x-api-key': ['k1', 'k1'] }, 'k1'],
    [{ authorization: ['Basic dXNlcjpwYXNz'], 'x-api-key': ['k2'] }, 'k2'],
    [{ authorization: ['Bearer k1, Bearer k1'], 'x-api-key': ['k1, k1'] }, 'k1'],
  ])('reads %j as the key %s', (headers, key) => {
    expect(presentedApiKey(headers)).toEqual({ kind: 'one', key });
  });

  it.each([
    { authorization: ['Bearer k1'], 'x-api-key': ['k2'] },
    { authorization: ['Bearer k1', 'Bearer k2'] },
    { 'x-api-key': ['k1', 'k2'] },
    { authorization: ['Bearer k1', 'Basic x'], 'x-api-key': ['k1', 'k3'] },
    { authorization: ['Bearer k1, Bearer k2'] },
    { 'x-api-key': ['k1, k2'] },
  ])('reads %j as two different keys', (headers) => {
    expect(presentedApiKey(headers)).toEqual({ kind: 'conflicting' });
  });

  it.each([
    { authorization: ['Basic dXNlcjpwYXNz'] },
    { authorization: ['Bearer'] },
    { authorization: ['Bearer a b'] },
    { 'x-api-key': ['  '] },
    { authorization: [], 'x-api-key': [] },
    {},
  ])('reads %j as no key', (headers) => {
    expect(presentedApiKey(headers)).toEqual({ kind: 'none' });
  });
});
