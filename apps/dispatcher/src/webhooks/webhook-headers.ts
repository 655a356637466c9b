/**
 * Rules for a webhook's own headers. Names are RFC 9110 tokens; values may not hold CR,
 * LF or NUL (header injection). Headers that carry our framing, our signature or our
 * content type are ours alone: letting a customer set them would break the request or
 * let a header forge what the receiver verifies.
 */
export const maxCustomHeaders = 20;
export const maxHeaderNameLength = 100;
export const maxHeaderValueLength = 2048;

const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const reservedNames = new Set([
  'host',
  'content-length',
  'content-type',
  'content-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
  'user-agent',
]);

/** Why a header is refused, or undefined when it is acceptable. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!tokenPattern.test(name))
    return `header name "${name.slice(0, 100)}" is not a valid HTTP token`;
  if (name.length > maxHeaderNameLength)
    return `header name is longer than ${maxHeaderNameLength} characters`;
  const lower = name.toLowerCase();
  if (reservedNames.has(lower) || lower.startsWith('webhook-') || lower.startsWith('proxy-')) {
    return `header ${name} is set by the dispatcher and cannot be configured`;
  }
  if (/[\r\n\0]/.test(value)) return `header ${name} has a value containing CR, LF or NUL`;
  if (value.length > maxHeaderValueLength)
    return `header ${name} has a value longer than ${maxHeaderValueLength} characters`;
  return undefined;
}

/** Duplicate names differ only in case: HTTP treats them as one header. */
export function duplicateHeaderName(names: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) return name;
    seen.add(lower);
  }
  return undefined;
}

/** What responses show instead of a value: the values are write-only (they hold credentials). */
export const maskedHeaderValue = '********';
