import {
  databaseFields,
  envBool,
  envInt,
  envList,
  envString,
  httpServerFields,
  kafkaFields,
  parseConfig,
  parseConfigOrExit,
} from '@leadhooks/config';
import { isIP } from 'node:net';
import { z } from 'zod';

/** `ip` or `ip:port` (IPv6 as `[ip]:port`), as dns.Resolver#setServers takes them. */
const dnsServer = z.string().refine((value) => {
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return isIP(bracketed[1]) === 6;
  const [host, port, ...rest] = value.split(':');
  if (isIP(value) === 6) return true;
  return rest.length === 0 && isIP(host) === 4 && (port === undefined || /^\d{1,5}$/.test(port));
}, 'must be a comma-separated list of IP addresses, each optionally with :port');

/** Every setting of lookup-service; the README's configuration table mirrors it. */
export const LookupEnv = z.object({
  ...httpServerFields('PORT', 3002),
  ...databaseFields({ poolSize: 10 }),
  /** KAFKA_ENSURE_TOPICS creates leads.save_lead and lookups.completed when missing. */
  ...kafkaFields({ clientId: 'lookup-service' }),
  /** Build the lead directory from leads.save_lead (off only for a read-only replica). */
  DIRECTORY_CONSUMER_ENABLED: envBool().default(true),
  /** DNS servers for MX look-ups; unset means the system's resolvers. */
  LOOKUP_DNS_SERVERS: envList(dnsServer).optional(),
  /** Per DNS query attempt, ms; with LOOKUP_DNS_TRIES it bounds how long an MX look-up may take. */
  LOOKUP_DNS_TIMEOUT_MS: envInt({ min: 50, max: 30_000 }).default(2_000),
  LOOKUP_DNS_TRIES: envInt({ min: 1, max: 5 }).default(2),
  /** Explicit opt-outs of the webhook URL policy for local development and tests. */
  LOOKUP_WEBHOOK_ALLOW_HTTP: envBool().default(false),
  LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: envBool().default(false),
  /** A lookups.completed publish not acknowledged by then fails the request with 503. */
  LOOKUP_PUBLISH_TIMEOUT_MS: envInt({ min: 100, max: 120_000 }).default(10_000),
  /** author-finder page fetches: the same outbound rules as webhook deliveries. */
  LOOKUP_FETCH_ALLOW_HTTP: envBool().default(false),
  LOOKUP_FETCH_ALLOW_PRIVATE_ADDRESSES: envBool().default(false),
  /** PEM file of CA certificates to trust instead of the system roots (tests, private PKI). */
  LOOKUP_FETCH_CA_FILE: envString().optional(),
  /** Largest page read, bytes; the rest is never downloaded. */
  LOOKUP_FETCH_MAX_BYTES: envInt({ min: 1024, max: 10 * 1024 * 1024 }).default(1024 * 1024),
  LOOKUP_FETCH_TIMEOUT_MS: envInt({ min: 100, max: 60_000 }).default(10_000),
});
export type LookupConfig = z.output<typeof LookupEnv>;

export const LOOKUP_CONFIG = Symbol('LOOKUP_CONFIG');

/** For tests: a full config from a partial environment, throwing ConfigError if invalid. */
export function lookupConfig(env: Record<string, string | undefined>): LookupConfig {
  return parseConfig(LookupEnv, env);
}

/** The only place lookup-service reads `process.env`; a bad value ends the process naming it. */
export function lookupConfigFromProcessEnv(): LookupConfig {
  return parseConfigOrExit(LookupEnv, process.env);
}
