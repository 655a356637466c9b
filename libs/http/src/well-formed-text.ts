/**
 * Strings a service must never accept, wherever they come from (a path or query
 * parameter, a JSON body): U+0000, which Postgres `text` and `jsonb` cannot hold (so it
 * would be a 500 at the store, or a value changed on the way), and lone UTF-16
 * surrogates, which no UTF-8 encoder can write (so the stored or sent value would differ
 * from the accepted one: Postgres and JSON.stringify turn them into U+FFFD or escapes).
 */
export interface IllFormedText {
  /** Dotted path of the offending value or key (`data.email`, `tags.0`); '' for the whole input. */
  path: string;
  problem: 'nul' | 'lone-surrogate';
}

// JSON bodies can nest deeply; an explicit stack keeps a hostile one from overflowing
// the call stack (a recursive walk would turn 64 KiB of `[` into a RangeError, a 500).
interface Pending {
  value: unknown;
  path: string;
}

/** The first ill-formed string found in `value` (keys included), depth first; undefined if none. */
export function findIllFormedText(value: unknown, rootPath = ''): IllFormedText | undefined {
  const stack: Pending[] = [{ value, path: rootPath }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as Pending;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem !== undefined) return { path, problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const entries = Object.entries(current as Record<string, unknown>);
    // Pushed in reverse so the first key is looked at first, as a reader would.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, child] = entries[i];
      const childPath = path === '' ? key : `${path}.${key}`;
      const keyProblem = textProblem(key);
      if (keyProblem !== undefined) return { path: childPath, problem: keyProblem };
      stack.push({ value: child, path: childPath });
    }
  }
  return undefined;
}

// With the `u` flag a surrogate pair is one code point, so only a lone half matches.
const loneSurrogate = /\p{Cs}/u;

function textProblem(text: string): IllFormedText['problem'] | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (loneSurrogate.test(text)) return 'lone-surrogate';
  return undefined;
}

/** The sentence a client sees, starting with the field as every 400 does. */
export function describeIllFormedText(found: IllFormedText, subject: string): string {
  return found.problem === 'nul'
    ? `${subject} must not contain the NUL character (U+0000)`
    : `${subject} must not contain a lone UTF-16 surrogate (it is not valid Unicode text)`;
}
