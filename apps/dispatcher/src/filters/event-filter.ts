import type { EventFilter, FilterCondition, FilterScalar } from './event-filter.schema';

/**
 * Whether an event body matches a webhook's filter (decision 076). Total: any body, any
 * valid filter, never throws. A missing field or a value of another type fails every
 * comparison; only `ne` and `exists: false` hold for a missing field.
 */
export function matchesFilter(filter: EventFilter, body: unknown): boolean {
  if ('all' in filter) return filter.all.every((child) => matchesFilter(child, body));
  if ('any' in filter) return filter.any.some((child) => matchesFilter(child, body));
  if ('not' in filter) return !matchesFilter(filter.not, body);
  return holds(filter, valueAt(body, filter.path));
}

function holds(condition: FilterCondition, value: unknown): boolean {
  if (condition.exists !== undefined) return (value !== undefined) === condition.exists;
  if ('eq' in condition) return value === condition.eq;
  if ('ne' in condition) return value !== condition.ne;
  if (condition.in !== undefined) return condition.in.some((item) => item === value);
  if (typeof value === 'number') return compares(condition, value);
  if (typeof value === 'string') return textMatches(condition, value);
  return false;
}

function compares(condition: FilterCondition, value: number): boolean {
  if (condition.gt !== undefined) return value > condition.gt;
  if (condition.gte !== undefined) return value >= condition.gte;
  if (condition.lt !== undefined) return value < condition.lt;
  if (condition.lte !== undefined) return value <= condition.lte;
  return false;
}

function textMatches(condition: FilterCondition, value: string): boolean {
  if (condition.starts_with !== undefined) return value.startsWith(condition.starts_with);
  if (condition.ends_with !== undefined) return value.endsWith(condition.ends_with);
  if (condition.contains !== undefined) return value.includes(condition.contains);
  return false;
}

/** The value at a dotted path; own properties only, so `__proto__` or `constructor` find nothing. */
function valueAt(body: unknown, path: string): FilterScalar | object | undefined {
  let current: unknown = body;
  for (const name of path.split('.')) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    if (!Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current as FilterScalar | object | undefined;
}
