import { duplicateHeaderName, headerProblem } from './webhook-headers';

describe(headerProblem.name, () => {
  it.each([
    ['Authorization', 'Bearer x'],
    ['X-Custom-Token', 'abc'],
    ['x_weird!', ''],
  ])('accepts %s', (name, value) => {
    expect(headerProblem(name, value)).toBeUndefined();
  });

  it.each([
    ['Host', 'a', 'set by the dispatcher'],
    ['content-length', '1', 'set by the dispatcher'],
    ['Content-Type', 'text/plain', 'set by the dispatcher'],
    ['Transfer-Encoding', 'chunked', 'set by the dispatcher'],
    ['Connection', 'close', 'set by the dispatcher'],
    ['Webhook-Signature', 'v1,x', 'set by the dispatcher'],
    ['webhook-id', 'x', 'set by the dispatcher'],
    ['Bad Name', 'x', 'not a valid HTTP token'],
    ['X-Colon:', 'x', 'not a valid HTTP token'],
    ['', 'x', 'not a valid HTTP token'],
    ['X-Inject', 'a\r\nHost: evil', 'CR, LF or NUL'],
    ['X-Inject', 'a\nb', 'CR, LF or NUL'],
    ['X-Long', 'x'.repeat(2049), 'longer than 2048'],
  ])('refuses %s', (name, value, reason) => {
    expect(headerProblem(name, value)).toContain(reason);
  });
});

describe(duplicateHeaderName.name, () => {
  it('finds names equal but for case', () => {
    expect(duplicateHeaderName(['X-A', 'x-b', 'x-a'])).toBe('x-a');
    expect(duplicateHeaderName(['X-A', 'X-B'])).toBeUndefined();
  });
});
