import { isUtf8 } from 'node:buffer';

/** body-parser error type of a body whose bytes are not UTF-8 (our own; body-parser has none). */
export const invalidUtf8Type = 'entity.utf8.invalid';

/**
 * body-parser's `verify` hook: sees the body's bytes (after Content-Encoding is undone)
 * before they are decoded. The decoder would replace each invalid byte with U+FFFD, so
 * the value stored would not be the one sent; RFC 8259 requires UTF-8 anyway. Bodies
 * declared in another UTF charset (utf-16le...) are decoded as declared.
 */
export function refuseInvalidUtf8(
  _request: unknown,
  _response: unknown,
  body: Buffer,
  encoding: string,
): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8' || isUtf8(body)) return;
  throw Object.assign(new Error('request body is not valid UTF-8'), {
    status: 400,
    type: invalidUtf8Type,
  });
}
