import { join } from 'node:path';

export interface ServiceSpec {
  name: 'leads-service' | 'dispatcher' | 'lookup-service' | 'gateway';
  entry: string;
  port: number;
  /** The variables that are this service's own (its port, its upstreams, opt-outs). */
  env: Record<string, string>;
}

export interface StartConfig {
  root: string;
  services: ServiceSpec[];
  gatewayUrl: string;
  /** Where each app's log (JSON lines) and the development API key are kept. */
  stateDir: string;
  readyTimeoutMs: number;
}

/**
 * Everything `npm start` runs, from the environment. Each app still reads its own
 * settings (any variable of its README passes through); only ports and upstream URLs are
 * set here so they agree with one another.
 */
export function startConfig(root: string, env: Record<string, string | undefined>): StartConfig {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    }
    return value;
  };
  const port = (name: string, fallback: number): number => integer(name, fallback, 1, 65535);
  const leads = port('LEADS_PORT', 3001);
  const lookup = port('LOOKUP_PORT', 3002);
  const dispatcher = port('DISPATCHER_PORT', 3004);
  const gateway = port('GATEWAY_PORT', 8080);
  const local = (p: number) => `http://127.0.0.1:${p}`;
  // Off unless asked for: webhooks to http:// and private addresses (a receiver on this machine).
  const allowLocal = ['true', '1', 'yes'].includes(
    (env.LEADHOOKS_DEV_ALLOW_LOCAL_WEBHOOKS ?? '').toLowerCase(),
  );
  const optOut = (names: string[]): Record<string, string> =>
    allowLocal ? Object.fromEntries(names.map((name) => [name, 'true'])) : {};
  // Services listen on loopback only: the gateway is the one public port.
  const serviceHost = { HOST: '127.0.0.1' };
  return {
    root,
    stateDir: env.LEADHOOKS_START_STATE_DIR ?? join(root, '.local/start'),
    readyTimeoutMs: integer('LEADHOOKS_START_READY_TIMEOUT_MS', 120_000, 1_000, 600_000),
    gatewayUrl: local(gateway),
    services: [
      {
        name: 'leads-service',
        entry: 'apps/leads-service',
        port: leads,
        env: { ...serviceHost, PORT: String(leads) },
      },
      {
        name: 'dispatcher',
        entry: 'apps/dispatcher',
        port: dispatcher,
        env: {
          ...serviceHost,
          DISPATCHER_PORT: String(dispatcher),
          ...optOut(['WEBHOOK_ALLOW_HTTP', 'WEBHOOK_ALLOW_PRIVATE_ADDRESSES']),
        },
      },
      {
        name: 'lookup-service',
        entry: 'apps/lookup-service',
        port: lookup,
        env: {
          ...serviceHost,
          PORT: String(lookup),
          ...optOut(['LOOKUP_WEBHOOK_ALLOW_HTTP', 'LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES']),
        },
      },
      {
        name: 'gateway',
        entry: 'apps/gateway',
        port: gateway,
        env: {
          GATEWAY_PORT: String(gateway),
          LEADS_SERVICE_URL: local(leads),
          LOOKUP_SERVICE_URL: local(lookup),
          DISPATCHER_URL: local(dispatcher),
        },
      },
    ],
  };
}
