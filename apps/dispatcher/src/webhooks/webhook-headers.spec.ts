import { duplicateHeaderName, headerProblem } from './webhook-headers';

describe(headerProblem.name, () => {
  it.each([
    ['Authorization', 'Bearer x'],
    ['X-Custom-Token', 'abc'],
    ['x_weird!', ''],
    ['X-Spaced', 'a b\tc'],
    ['X-Printable', '!"#$%&\'()*+,-./0-9:;<=>?@A-Z[\\]^_`a-z{|}~'],
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
    ['Bad Name', 'x', 'not a valid header name'],
    ['X-Colon:', 'x', 'not a valid header name'],
    ['', 'x', 'not a valid header name'],
    ['X-Inject', 'a\r\nHost: evil', 'U+000D at position 1'],
    ['X-Inject', 'a\nb', 'U+000A at position 1'],
    ['X-Nul', 'a\u0000', 'U+0000'],
    ['X-Line-Separator', 'a\u2028b', 'U+2028'],
    ['X-Vertical-Tab', 'a\u000bb', 'U+000B'],
    ['X-Delete', 'a\u007fb', 'U+007F'],
    ['X-Latin-1', 'caf\u00e9', 'U+00E9'],
    ['X-Emoji', '\u{1F600}', 'U+D83D'],
    ['X-Leading', ' a', 'starting or ending with a space'],
    ['X-Trailing', 'a\t', 'starting or ending with a space'],
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
