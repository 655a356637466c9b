import { parseRetryAfter } from './retry-after.parse';

const nowMs = Date.parse('2026-11-27T10:00:00Z');

describe(parseRetryAfter.name, () => {
  it.each<[string | undefined, number | undefined]>([
    ['120', 120_000],
    [' 7 ', 7_000],
    ['0', 0],
    ['Fri, 27 Nov 2026 10:01:30 GMT', 90_000],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0], // in the past: now
    ['Friday, 27-Nov-26 10:00:10 GMT', 10_000], // obsolete RFC 850 form, still a date
    [undefined, undefined],
    ['', undefined],
    ['-5', undefined],
    ['1.5', undefined],
    ['12', 12_000],
    ['soon', undefined],
    ['99999999999', undefined],
  ])('%p is %p ms', (value, expected) => {
    expect(parseRetryAfter(value, nowMs)).toBe(expected);
  });
});
