import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { classifyAddress } from './address.classify';
import { ConnectTimeoutError, RefusedAddressError } from './outbound.errors';
import { resolveOutboundPolicy, type OutboundPolicy } from './outbound.policy';
import { createSafeLookup, systemResolver, type Resolver } from './safe.lookup';
import { tlsServerName } from './tls-server-name';

export interface SafeAgentOptions {
  policy?: Partial<OutboundPolicy>;
  resolve?: Resolver;
  /** DNS + TCP connect + TLS handshake of a new connection, in ms. */
  connectTimeoutMs: number;
  /** Trusted CA certificates (PEM) instead of the system roots: for test receivers. */
  ca?: string | Buffer | Array<string | Buffer>;
  maxSocketsPerHost: number;
}

type ConnectionCallback = (err: Error | null, stream: Duplex) => void;

/**
 * How long a pooled connection may sit idle before we close it. Servers close idle
 * keep-alive connections on their own clock (Node's default is 5 s); a request sent on
 * one just as the server closes it fails with ECONNRESET, a failed attempt for nothing.
 * Node's agent also honours a shorter `Keep-Alive: timeout=N` from the server (1 s
 * early), but only when an agent timeout is set at all.
 */
export const pooledSocketIdleMs = 4_000;

/** Keep-alive http and https Agents that connect only to addresses the policy allows. */
export function createSafeAgents(options: SafeAgentOptions): {
  http: http.Agent;
  https: https.Agent;
} {
  const policy = resolveOutboundPolicy(options.policy);
  const guard = new ConnectionGuard(policy, options.connectTimeoutMs);
  const shared = {
    keepAlive: true,
    timeout: pooledSocketIdleMs,
    maxSockets: options.maxSocketsPerHost,
    lookup: createSafeLookup(policy, options.resolve ?? systemResolver),
  };
  return {
    http: new SafeHttpAgent(guard, shared),
    https: new SafeHttpsAgent(guard, { ...shared, ca: options.ca }),
  };
}

class ConnectionGuard {
  constructor(
    private readonly policy: OutboundPolicy,
    private readonly connectTimeoutMs: number,
  ) {}

  /** Node's net.connect never calls `lookup` for an IP literal, so those are checked here. */
  refusal(options: http.ClientRequestArgs): RefusedAddressError | undefined {
    const host = (options.host ?? options.hostname ?? 'localhost').replace(/^\[|\]$/g, '');
    if (this.policy.allowPrivateAddresses || isIP(host) === 0) return undefined;
    const verdict = classifyAddress(host);
    return verdict.range === 'public' ? undefined : new RefusedAddressError(host, host, verdict);
  }

  /** Destroys a new connection that is not ready (connected, and TLS-secured) in time. */
  watch(socket: Duplex | null | undefined, readyEvent: 'connect' | 'secureConnect'): void {
    if (!socket) return;
    const timer = setTimeout(
      () => socket.destroy(new ConnectTimeoutError(this.connectTimeoutMs)),
      this.connectTimeoutMs,
    );
    const clear = () => clearTimeout(timer);
    socket.once(readyEvent, clear);
    socket.once('close', clear);
  }
}

class SafeHttpAgent extends http.Agent {
  constructor(
    private readonly guard: ConnectionGuard,
    options: http.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: ConnectionCallback) {
    const refusal = this.guard.refusal(options);
    if (refusal) return failConnection(callback, refusal);
    const socket = super.createConnection(options, callback);
    this.guard.watch(socket, 'connect');
    return socket;
  }
}

class SafeHttpsAgent extends https.Agent {
  constructor(
    private readonly guard: ConnectionGuard,
    options: https.AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: https.RequestOptions, callback?: ConnectionCallback) {
    const refusal = this.guard.refusal(options);
    if (refusal) return failConnection(callback, refusal);
    // Set here rather than left to Node's Agent, which derives it from a Host header when
    // there is one: never an IP literal, never a name OpenSSL refuses (tls-server-name.ts).
    const servername = tlsServerName(options.host ?? options.hostname ?? 'localhost');
    if (servername instanceof Error) return failConnection(callback, servername);
    const socket = super.createConnection({ ...options, servername }, callback);
    this.guard.watch(socket, 'secureConnect');
    return socket;
  }
}

/**
 * Fails a connection before any socket exists: Node's Agent passes a callback error on as
 * the request's 'error' (createSocket -> req.onSocket(undefined, err)). @types/node types
 * that callback as always receiving a stream, hence the untyped call.
 */
function failConnection(callback: ConnectionCallback | undefined, error: Error): undefined {
  if (!callback) throw error;
  Reflect.apply(callback, undefined, [error]);
  return undefined;
}
