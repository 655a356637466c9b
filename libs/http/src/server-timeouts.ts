import type { Server } from 'node:http';

/**
 * How long a service keeps an idle keep-alive connection open. Longer than any client of
 * ours keeps one idle (the gateway's agent closes its own at half of this), so a client
 * never sends on a connection the server is closing at that instant, which resets it.
 * Node's default (5 s) is shorter than what most clients and load balancers assume.
 */
export const serverKeepAliveTimeoutMs = 65_000;

/**
 * Bound on receiving a request's headers. Above the keep-alive timeout, the usual rule
 * that keeps an idle connection from being cut by the header timer first.
 */
export const serverHeadersTimeoutMs = serverKeepAliveTimeoutMs + 1_000;

/** Sets the keep-alive and header timeouts above on a server, before it listens. */
export function applyServerTimeouts(server: Server): void {
  server.keepAliveTimeout = serverKeepAliveTimeoutMs;
  server.headersTimeout = serverHeadersTimeoutMs;
}
