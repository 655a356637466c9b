/**
 * The one form of request target the gateway forwards: origin form (RFC 9112 §3.2.1), a
 * path of plain segments and an optional query. Everything else — absolute form
 * (`http://host/…`), authority form (`host:port`), asterisk form, a path starting `//`
 * (a scheme-relative URL to every URL parser), a backslash (a slash to WHATWG URL), a dot
 * segment raw or percent-encoded, an encoded slash or backslash (a segment boundary the
 * service may see and we do not) — is refused, so the gateway and the service it calls can
 * never disagree about which resource is meant, and no part of the target can name a host.
 */
export type RequestTarget =
  | { readonly ok: true; readonly path: string; readonly query: string }
  | { readonly ok: false; readonly reason: string };

// RFC 3986 pchar (unreserved, sub-delims, ':' '@', pct-encoded) and '/' between segments.
const pathChars = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;
const malformedPercent = /%(?![0-9A-Fa-f]{2})/;
const encodedSeparator = /%(2f|5c)/i;
// Printable ASCII: what Node lets through to an outgoing request's path unchanged.
const queryChars = /^[\x21-\x7e]*$/;
const dotSegment = /^(?:\.|%2e){1,2}$/i;

export function parseRequestTarget(raw: string): RequestTarget {
  if (raw.includes('\\')) return refused('a backslash is not allowed');
  if (!raw.startsWith('/')) {
    return refused(
      /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(raw)
        ? 'an absolute URL is not allowed; send the path only'
        : 'the target must be a path starting with /',
    );
  }
  if (raw.startsWith('//')) return refused('a path starting with // is not allowed');
  if (raw.includes('#')) return refused('a fragment is not allowed');
  const queryAt = raw.indexOf('?');
  const path = queryAt === -1 ? raw : raw.slice(0, queryAt);
  const query = queryAt === -1 ? '' : raw.slice(queryAt);
  if (!pathChars.test(path)) return refused('the path holds a character that must be encoded');
  if (malformedPercent.test(path)) return refused('the path holds a malformed %-escape');
  if (encodedSeparator.test(path)) return refused('the path holds an encoded / or \\');
  // A trailing slash is the one empty segment allowed (`/v1/leads/` is `/v1/leads`).
  const segments = path.slice(1).split('/');
  for (const [index, segment] of segments.entries()) {
    if (segment === '' && index < segments.length - 1)
      return refused('the path holds an empty segment (//)');
    if (dotSegment.test(segment)) return refused('the path holds a . or .. segment');
  }
  if (!queryChars.test(query)) return refused('the query holds a character that must be encoded');
  return { ok: true, path, query };
}

function refused(reason: string): RequestTarget {
  return { ok: false, reason };
}
