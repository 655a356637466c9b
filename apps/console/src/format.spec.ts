import { maskSecret, parseHeaderLines, prettyBody } from './format';

describe(parseHeaderLines.name, () => {
  it('reads Name: value lines, skipping blank ones and keeping colons in values', () => {
    expect(parseHeaderLines('X-Token: a:b\n\n  X-Other :  c  \n')).toEqual({
      'X-Token': 'a:b',
      'X-Other': 'c',
    });
  });

  it('names the line that has no name', () => {
    expect(() => parseHeaderLines('X-Ok: 1\n: nameless')).toThrow('Header line 2');
    expect(() => parseHeaderLines('no colon')).toThrow('Header line 1');
  });
});

describe(prettyBody.name, () => {
  it('indents JSON and leaves anything else as it is', () => {
    expect(prettyBody('{"data":{"a":1}}')).toBe('{\n  "data": {\n    "a": 1\n  }\n}');
    expect(prettyBody('not json {')).toBe('not json {');
  });
});

describe(maskSecret.name, () => {
  it('keeps the whsec_ prefix and the last four characters only', () => {
    expect(maskSecret('whsec_abcdefghijkl')).toBe('whsec_••••••••ijkl');
    expect(maskSecret('abc')).toBe('••••••••abc');
  });
});
