import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApiHeaders } from '@leadhooks/contracts';

// Same rule as the services (libs/http): a caller's id is kept only when short and
// plain, since it ends up in logs and Kafka headers; anything else is replaced.
const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when sane, else a fresh one; the services then keep it. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers[ApiHeaders.requestId];
  return typeof given === 'string' && acceptable.test(given) ? given : randomUUID();
}
