import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/**
 * The field an issue is about, as a dotted path (`data.email`, `tags.0`). For an unknown
 * key the path points at the object holding it, so the key itself is appended.
 */
export function issueField(issue: Issue): string | undefined {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) path.push(issue.keys[0]);
  return path.length > 0 ? path.join('.') : undefined;
}

/**
 * A sentence for the client, starting with the field name. Messages a schema sets on
 * purpose (through `{ message }`) win; zod's generic ones are rephrased.
 */
export function describeIssue(issue: Issue): string {
  const field = issueField(issue);
  const subject = field ?? 'The request body';
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${subject} is not a known field`;
    case 'invalid_type':
      // `input` is only there when parsed with reportInput (parseOrThrow does); without
      // it a missing field cannot be told from a wrong one, and gets the general wording.
      if ('input' in issue && issue.input === undefined && field !== undefined)
        return `${subject} is required`;
      return hasCustomMessage(issue)
        ? `${subject} ${issue.message}`
        : `${subject} must be ${article(issue.expected)}`;
    case 'too_big':
      return hasCustomMessage(issue)
        ? `${subject} ${issue.message}`
        : `${subject} ${bound('at most', issue)}`;
    case 'too_small':
      return hasCustomMessage(issue)
        ? `${subject} ${issue.message}`
        : `${subject} ${bound('at least', issue)}`;
    case 'invalid_format':
      return hasCustomMessage(issue)
        ? `${subject} ${issue.message}`
        : `${subject} must be a valid ${issue.format}`;
    case 'invalid_value':
      return `${subject} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${subject} ${issue.message}`;
  }
}

// zod's own messages start with a capital ("Invalid input: ..."); ours are phrased to
// follow the field name ("must be ...").
function hasCustomMessage(issue: Issue): boolean {
  return /^[a-z]/.test(issue.message);
}

function bound(
  word: 'at most' | 'at least',
  issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall,
): string {
  const limit = String('maximum' in issue ? issue.maximum : issue.minimum);
  switch (issue.origin) {
    case 'string':
      return `must be ${word} ${limit} characters long`;
    case 'array':
    case 'set':
      return `must hold ${word} ${limit} items`;
    default:
      return `must be ${word} ${limit}`;
  }
}

function article(expected: string): string {
  const noun = expected === 'int' ? 'integer' : expected;
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
