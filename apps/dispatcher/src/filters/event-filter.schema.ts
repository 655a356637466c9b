import { z } from 'zod';

/** A value an event field is compared with. */
export type FilterScalar = string | number | boolean | null;

/** One test of one field of the event body; exactly one operator is set. */
export interface FilterCondition {
  /** Dotted field names into the body, e.g. `data.score`. */
  path: string;
  eq?: FilterScalar;
  ne?: FilterScalar;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  starts_with?: string;
  ends_with?: string;
  contains?: string;
  in?: FilterScalar[];
  exists?: boolean;
}

/** A webhook's filter (decision 076): conditions combined with all / any / not. */
export type EventFilter =
  | FilterCondition
  | { all: EventFilter[] }
  | { any: EventFilter[] }
  | { not: EventFilter };

export const filterOperators = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'starts_with',
  'ends_with',
  'contains',
  'in',
  'exists',
] as const;

// Bounds keep evaluation cheap at fan-out, where it runs once per event and webhook.
export const filterLimits = { depth: 4, conditions: 20, listLength: 20, jsonChars: 4096 };
const pathPattern = /^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}$/;

const scalar = z.union([z.string().max(200), z.number(), z.boolean(), z.null()], {
  message: 'must be a string (at most 200 characters), a number, a boolean or null',
});
const number = z.number({ message: 'must be a number' });
const text = z.string({ message: 'must be a string' }).min(1).max(200);

const condition = z
  .strictObject({
    path: z.string({ message: 'must be a string' }).regex(pathPattern, {
      message: 'must be dotted field names such as "data.score" (at most 8)',
    }),
    eq: scalar.optional(),
    ne: scalar.optional(),
    gt: number.optional(),
    gte: number.optional(),
    lt: number.optional(),
    lte: number.optional(),
    starts_with: text.optional(),
    ends_with: text.optional(),
    contains: text.optional(),
    in: z.array(scalar).min(1).max(100).optional(),
    exists: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .check((ctx) => {
    const operators = filterOperators.filter((operator) => operator in ctx.value);
    if (operators.length !== 1) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must have exactly one operator of ${filterOperators.join(', ')}; it has ${operators.length === 0 ? 'none' : operators.join(', ')}`,
      });
    }
  });

const notAnObject = z.custom<never>(() => false, {
  message:
    'must be an object: a condition {"path", <operator>} or {"all"|"any": [...]} or {"not": {...}}',
});
const tooDeep = z.custom<never>(() => false, {
  message: `nests too deep; at most ${filterLimits.depth} levels`,
});

/** The schema of a node that may hold `depth - 1` more levels; picked by the node's key. */
function nodeAt(depth: number): z.ZodType<EventFilter> {
  return z.unknown().transform((value, ctx): EventFilter => {
    // reportInput: the error mapping tells a wrong value from a missing one by `input`.
    const result = schemaFor(value, depth).safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    // Issue paths are relative to this node; the enclosing schema prefixes its own.
    // A finished issue is a valid raw one; its `input` type narrows per code, hence the cast.
    for (const issue of result.error.issues) ctx.issues.push(issue as z.core.$ZodRawIssue);
    return z.NEVER;
  });
}

function schemaFor(value: unknown, depth: number): z.ZodType<EventFilter> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return notAnObject;
  const combinator = ['all', 'any', 'not'].find((key) => key in value);
  if (combinator === undefined) return condition;
  if (depth <= 1) return tooDeep;
  const child = nodeAt(depth - 1);
  if (combinator === 'not') return z.strictObject({ not: child });
  const list = z
    .array(child, { message: 'must be a list of filters' })
    .min(1, 'must list at least one filter')
    .max(filterLimits.listLength, `must list at most ${filterLimits.listLength} filters`);
  return combinator === 'all' ? z.strictObject({ all: list }) : z.strictObject({ any: list });
}

/** How many conditions a (valid) filter holds. */
export function conditionCount(filter: EventFilter): number {
  if ('all' in filter) return filter.all.reduce((sum, child) => sum + conditionCount(child), 0);
  if ('any' in filter) return filter.any.reduce((sum, child) => sum + conditionCount(child), 0);
  if ('not' in filter) return conditionCount(filter.not);
  return 1;
}

/** The `filter` field of a webhook: refused with a path to the bad part when malformed. */
export const eventFilterSchema = z
  .unknown()
  .check((ctx) => {
    if (JSON.stringify(ctx.value ?? null).length > filterLimits.jsonChars) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must be at most ${filterLimits.jsonChars} characters of JSON`,
        abort: true,
      });
    }
  })
  .pipe(nodeAt(filterLimits.depth))
  .check((ctx) => {
    if (conditionCount(ctx.value) > filterLimits.conditions) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `must hold at most ${filterLimits.conditions} conditions`,
      });
    }
  })
  .meta({
    description:
      'Only events whose body matches are delivered. A condition is {"path": "data.score", "<operator>": value} ' +
      `with one operator of ${filterOperators.join(', ')}; combine with {"all": [...]}, {"any": [...]}, {"not": {...}}. ` +
      `At most ${filterLimits.depth} levels, ${filterLimits.conditions} conditions, ${filterLimits.jsonChars} characters. null: every event.`,
    examples: [
      {
        all: [
          { path: 'data.score', gte: 50 },
          { path: 'data.website', ends_with: '.io' },
        ],
      },
    ],
  });
