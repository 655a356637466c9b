import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';

// RFC 9110 §7.6.1: connection-specific headers are meaningful for one hop only.
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

/**
 * Headers for the next hop: everything the message carried (Authorization and X-Api-Key
 * unchanged: each service authenticates on its own) minus hop-by-hop ones, including any
 * named by its `Connection` header. Read from `headersDistinct`, so a header sent twice
 * goes on twice: `headers` keeps only the first Authorization, and a service must see
 * both to refuse a request carrying two different keys.
 */
export function forwardHeaders(
  message: Pick<IncomingMessage, 'headersDistinct'>,
): OutgoingHttpHeaders {
  const headers = message.headersDistinct;
  const named = (headers.connection ?? [])
    .flatMap((value) => value.split(','))
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
  const drop = new Set([...hopByHop, ...named]);
  const out: OutgoingHttpHeaders = {};
  for (const [name, values] of Object.entries(headers)) {
    if (values === undefined || drop.has(name)) continue;
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}
