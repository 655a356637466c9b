import { idempotencyKeyOf, requestFingerprint } from './idempotency-key';

describe(idempotencyKeyOf.name, () => {
  it('reads no key as none, and one key (sent once or twice) as that key', () => {
    expect(idempotencyKeyOf(undefined)).toBeUndefined();
    expect(idempotencyKeyOf(['order-42'])).toBe('order-42');
    expect(idempotencyKeyOf(['order-42', ' order-42 '])).toBe('order-42');
  });

  it.each([
    ['empty', ['']],
    ['a space inside', ['a b']],
    ['non-ASCII', ['clé']],
    ['a control character', ['a\u0001']],
    ['256 characters', ['k'.repeat(256)]],
    ['two different keys', ['a', 'b']],
  ])('refuses %s with a 400 naming the header', (_case, values) => {
    expect(() => idempotencyKeyOf(values)).toThrow(
      expect.objectContaining({ statusCode: 400, field: 'Idempotency-Key' }),
    );
  });
});

describe(requestFingerprint.name, () => {
  const body = { email: 'a@example.test', tags: ['x', { b: 1, a: 2 }] };

  it('ignores key order, at every depth', () => {
    const reordered = { tags: ['x', { a: 2, b: 1 }], email: 'a@example.test' };
    expect(requestFingerprint('POST', '/v1/leads', reordered)).toEqual(
      requestFingerprint('post', '/v1/leads', body),
    );
  });

  it.each([
    ['another body', 'POST', '/v1/leads', { ...body, email: 'b@example.test' }],
    ['another path', 'POST', '/v1/webhooks', body],
    ['another method', 'PUT', '/v1/leads', body],
    ['array order', 'POST', '/v1/leads', { ...body, tags: [...body.tags].reverse() }],
  ])('tells %s apart', (_case, method, url, other) => {
    expect(requestFingerprint(method, url, other)).not.toEqual(
      requestFingerprint('POST', '/v1/leads', body),
    );
  });
});
