import {
  envInt,
  envUrl,
  httpServerFields,
  parseConfig,
  parseConfigOrExit,
} from '@leadhooks/config';
import { z } from 'zod';

/** Every setting of the gateway. Upstream defaults are the services' own default ports. */
export const GatewayEnv = z.object({
  ...httpServerFields('GATEWAY_PORT', 8080),
  LEADS_SERVICE_URL: envUrl(['http', 'https']).default('http://127.0.0.1:3001'),
  LOOKUP_SERVICE_URL: envUrl(['http', 'https']).default('http://127.0.0.1:3002'),
  DISPATCHER_URL: envUrl(['http', 'https']).default('http://127.0.0.1:3004'),
  /**
   * Bound on waiting for an upstream: from sending the request to its response headers,
   * and then on any silence while the body streams. Above the slowest lookup (an
   * author-finder page fetch is bounded at 10 s) so the gateway never cuts a healthy call.
   */
  GATEWAY_UPSTREAM_TIMEOUT_MS: envInt({ min: 100, max: 300_000 }).default(30_000),
});
export type GatewayConfig = z.output<typeof GatewayEnv>;

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** For tests: a full config from a partial environment, throwing ConfigError if invalid. */
export function gatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  return parseConfig(GatewayEnv, env);
}

/** The only place the gateway reads `process.env`; a bad value ends the process naming it. */
export function gatewayConfigFromProcessEnv(): GatewayConfig {
  return parseConfigOrExit(GatewayEnv, process.env);
}
