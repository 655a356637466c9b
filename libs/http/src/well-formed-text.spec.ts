import { findIllFormedText } from './well-formed-text';

describe(findIllFormedText.name, () => {
  it.each<[string, unknown, ReturnType<typeof findIllFormedText>]>([
    ['plain text', { name: 'Ada', tags: ['a', 'b'], n: 1, ok: true, none: null }, undefined],
    ['a surrogate pair (an emoji)', { name: '\u{1F600}' }, undefined],
    ['a NUL in a value', { a: { b: 'x\u0000' } }, { path: 'a.b', problem: 'nul' }],
    ['a NUL in an array item', { tags: ['ok', '\u0000'] }, { path: 'tags.1', problem: 'nul' }],
    ['a NUL in a key', { 'x\u0000': 1 }, { path: 'x\u0000', problem: 'nul' }],
    ['a lone high surrogate', { name: 'a\ud800' }, { path: 'name', problem: 'lone-surrogate' }],
    ['a lone low surrogate', { name: '\udc00b' }, { path: 'name', problem: 'lone-surrogate' }],
    ['reversed halves', { name: '\ude00\ud83d' }, { path: 'name', problem: 'lone-surrogate' }],
    ['a bare string', '\u0000', { path: '', problem: 'nul' }],
  ])('%s', (_case, value, expected) => {
    expect(findIllFormedText(value)).toEqual(expected);
  });

  it('reports the first offender in reading order', () => {
    expect(findIllFormedText({ a: 'ok', b: '\u0000', c: '\ud800' })).toEqual({
      path: 'b',
      problem: 'nul',
    });
  });

  it('prefixes the parameter name it is given', () => {
    expect(findIllFormedText('\u0000', 'id')).toEqual({ path: 'id', problem: 'nul' });
    expect(findIllFormedText({ event_id: '\u0000' }, '')).toEqual({
      path: 'event_id',
      problem: 'nul',
    });
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    const depth = 100_000;
    const deep = JSON.parse('['.repeat(depth) + '"\\u0000"' + ']'.repeat(depth)) as unknown;
    expect(findIllFormedText(deep)?.problem).toBe('nul');
  });
});
