import { toApiErrorBody } from '@leadhooks/http';
import { matchesFilter } from './event-filter';
import { eventFilterSchema, type EventFilter } from './event-filter.schema';

const lead = (data: Record<string, unknown>) => ({ data });
const highScoreIo: EventFilter = {
  all: [
    { path: 'data.score', gte: 50 },
    { path: 'data.website', ends_with: '.io' },
  ],
};

describe(matchesFilter.name, () => {
  it.each<[string, EventFilter, unknown, boolean]>([
    ['score and website match', highScoreIo, lead({ score: 50, website: 'acme.io' }), true],
    ['score too low', highScoreIo, lead({ score: 49, website: 'acme.io' }), false],
    ['website elsewhere', highScoreIo, lead({ score: 90, website: 'acme.com' }), false],
    [
      'a numeric string is not a number',
      highScoreIo,
      lead({ score: '90', website: 'a.io' }),
      false,
    ],
    ['null website', highScoreIo, lead({ score: 90, website: null }), false],
    [
      'any: one is enough',
      {
        any: [
          { path: 'data.score', gt: 99 },
          { path: 'data.company', eq: 'Acme' },
        ],
      },
      lead({ score: 1, company: 'Acme' }),
      true,
    ],
    ['not', { not: { path: 'data.company', eq: null } }, lead({ company: null }), false],
    ['eq null matches null', { path: 'data.notes', eq: null }, lead({ notes: null }), true],
    ['eq null is not missing', { path: 'data.notes', eq: null }, lead({}), false],
    ['ne holds for a missing field', { path: 'data.phone', ne: '1' }, lead({}), true],
    ['in', { path: 'data.position', in: ['CTO', 'CEO'] }, lead({ position: 'CEO' }), true],
    ['contains', { path: 'data.email', contains: '@acme.' }, lead({ email: 'a@acme.io' }), true],
    ['starts_with', { path: 'data.email', starts_with: 'b' }, lead({ email: 'a@acme.io' }), false],
    [
      'lt and lte',
      {
        all: [
          { path: 'data.score', lt: 10 },
          { path: 'data.score', lte: 9 },
        ],
      },
      lead({ score: 9 }),
      true,
    ],
    ['exists', { path: 'data.twitter', exists: true }, lead({ twitter: null }), true],
    ['exists false', { path: 'data.twitter', exists: false }, lead({}), true],
    [
      'a path through a string',
      { path: 'data.email.length', gt: 0 },
      lead({ email: 'abc' }),
      false,
    ],
    ['a path into an array', { path: 'data.tags.0', eq: 'x' }, lead({ tags: ['x'] }), false],
    ['the prototype is not a field', { path: 'data.constructor', exists: true }, lead({}), false],
    ['a body that is not an object', { path: 'data.score', gte: 0 }, 'text', false],
  ])('%s', (_case, filter, body, expected) => {
    expect(matchesFilter(filter, body)).toBe(expected);
  });
});

describe('eventFilterSchema', () => {
  it('accepts the documented example unchanged', () => {
    expect(eventFilterSchema.parse(highScoreIo)).toEqual(highScoreIo);
  });

  const nested = (depth: number): unknown =>
    depth === 0 ? { path: 'data.score', gte: 1 } : { not: nested(depth - 1) };
  it.each<[string, unknown, string | undefined, RegExp]>([
    ['a string', 'data.score >= 50', undefined, /must be an object/],
    ['no operator', { path: 'data.score' }, undefined, /exactly one operator .* none/],
    ['two operators', { path: 'data.score', gt: 1, lt: 5 }, undefined, /it has gt, lt/],
    ['an unknown operator', { path: 'data.score', regex: '.*' }, 'regex', /not a known field/],
    ['a bad path', { path: 'data..score', eq: 1 }, 'path', /dotted field names/],
    [
      'gte of a string',
      { all: [{ path: 'data.score', gte: '50' }] },
      'all.0.gte',
      /must be a number/,
    ],
    ['an empty all', { all: [] }, 'all', /at least one filter/],
    ['all and any together', { all: [nested(0)], any: [nested(0)] }, 'any', /not a known field/],
    ['an object in eq', { path: 'data.x', eq: { a: 1 } }, 'eq', /must be a string/],
    ['too deep', nested(4), 'not.not.not', /nests too deep/],
    [
      'too many conditions',
      {
        any: Array.from({ length: 4 }, () => ({ all: Array.from({ length: 6 }, () => nested(0)) })),
      },
      undefined,
      /at most 20 conditions/,
    ],
    [
      'too long',
      { path: 'data.x', in: Array.from({ length: 100 }, () => 'y'.repeat(60)) },
      undefined,
      /at most 4096 characters/,
    ],
  ])('refuses %s, naming the bad part', (_case, filter, field, message) => {
    const result = eventFilterSchema.safeParse(filter);
    expect(result.success).toBe(false);
    if (result.success) return;
    const body = toApiErrorBody(result.error);
    expect(body.statusCode).toBe(400);
    expect(body.message).toMatch(message);
    if (field !== undefined) expect(body.field).toBe(field);
  });

  it('accepts the deepest and the largest allowed filters', () => {
    expect(eventFilterSchema.safeParse(nested(3)).success).toBe(true);
    const twenty = {
      any: Array.from({ length: 4 }, () => ({ all: Array.from({ length: 5 }, () => nested(0)) })),
    };
    expect(eventFilterSchema.safeParse(twenty).success).toBe(true);
  });
});
