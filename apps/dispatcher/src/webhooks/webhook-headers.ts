/**
 * Rules for a webhook's own headers. Names are RFC 9110 tokens; values hold only
 * visible ASCII, spaces and tabs, not at either end (RFC 9110 field-value without the
 * obsolete obs-text): anything else would be refused by Node at send time, stripped or
 * re-encoded on the way, or trimmed by the receiver, so what was stored would not be what
 * is sent (docs/decisions/060). CR, LF and NUL were the injection risk; U+2028, VT and DEL
 * the silent ones. Headers that carry our framing, our signature or our
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

/**
 * Why a header is refused, or undefined when it is acceptable. Phrased to follow the
 * field it is reported on (`headers.X-Token has a value ...`).
 */
export function headerProblem(name: string, value: string): string | undefined {
  if (!tokenPattern.test(name)) return `is not a valid header name (an HTTP token)`;
  if (name.length > maxHeaderNameLength)
    return `has a name longer than ${maxHeaderNameLength} characters`;
  const lower = name.toLowerCase();
  if (reservedNames.has(lower) || lower.startsWith('webhook-') || lower.startsWith('proxy-')) {
    return `is set by the dispatcher and cannot be configured`;
  }
  const bad = fieldValueProblem(value);
  if (bad !== undefined) return `has a value ${bad}`;
  if (value.length > maxHeaderValueLength)
    return `has a value longer than ${maxHeaderValueLength} characters`;
  return undefined;
}

// RFC 9110 5.5: field-vchar is VCHAR (0x21-0x7E) or obs-text; SP and HTAB only inside.
const fieldValueChar = /^[\t\x20-\x7e]$/;

function fieldValueProblem(value: string): string | undefined {
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (!fieldValueChar.test(char)) {
      const codePoint = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
      return `containing ${codePoint} at position ${i}; only visible ASCII characters, spaces and tabs are allowed (RFC 9110)`;
    }
  }
  if (/^[ \t]|[ \t]$/.test(value))
    return 'starting or ending with a space or tab, which receivers drop (RFC 9110)';
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
