import { QueryFailedError } from 'typeorm';

/**
 * Socket errors (Node's `code`) that mean the server cannot be reached right now, as
 * opposed to a bug in a query.
 */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs the server sends when it will not serve anyone for a while: class 08
 * (connection exception), 57P01 admin_shutdown (a stop), 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up, or in recovery), 53300 too_many_connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code);
}

/**
 * pg and pg-pool raise these without any `code` (pg/lib/client.js, pg-pool/index.js of
 * pg 8), so their text is all there is to know them by. Exact strings, never patterns,
 * and only for errors that carry no code.
 */
const codelessPgErrors = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'timeout expired',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
]);

/**
 * For libs/http's `dependencyOutages`: 'database' when an error a request met means
 * Postgres cannot be reached (refused, shut down, starting, out of connections, the pool
 * timed out waiting), so the answer is a 503 the client may retry; undefined otherwise.
 * TypeORM hands pool errors through as they are and wraps query errors in
 * QueryFailedError; AggregateError (one per address tried) and `cause` are looked into.
 */
export function postgresOutage(error: unknown): 'database' | undefined {
  return isPostgresUnreachable(error, 0) ? 'database' : undefined;
}

function isPostgresUnreachable(error: unknown, depth: number): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (error instanceof QueryFailedError) return isPostgresUnreachable(error.driverError, depth + 1);
  const { code, message, errors, cause } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
    cause?: unknown;
  };
  if (typeof code === 'string') {
    if (socketCodes.has(code) || isUnavailableSqlState(code)) return true;
  } else if (
    error instanceof Error &&
    typeof message === 'string' &&
    codelessPgErrors.has(message)
  ) {
    return true;
  }
  if (Array.isArray(errors) && errors.some((inner) => isPostgresUnreachable(inner, depth + 1)))
    return true;
  return cause !== undefined && isPostgresUnreachable(cause, depth + 1);
}
