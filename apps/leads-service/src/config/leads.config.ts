import {
  envBool,
  envEnum,
  envHostPorts,
  envInt,
  envPort,
  envString,
  envUrl,
  parseConfig,
  parseConfigOrExit,
} from '@leadhooks/config';
import { z } from 'zod';

/** Every setting of leads-service; the README's configuration table mirrors it. */
export const LeadsEnv = z.object({
  PORT: envPort().default(3001),
  HOST: envString().default('0.0.0.0'),
  LOG_LEVEL: envEnum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(
    'info',
  ),
  DATABASE_URL: envUrl(['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: envInt({ min: 2, max: 100 }).default(10),
  /** Run pending migrations at start-up (under an advisory lock). */
  DATABASE_MIGRATE: envBool().default(true),
  KAFKA_BROKERS: envHostPorts(),
  KAFKA_CLIENT_ID: envString().default('leads-service'),
  /** Prefix of every topic name; empty in production (docs/decisions/002). */
  KAFKA_NAMESPACE: envString().optional(),
  /** Create leads.save_lead when missing, before the first publish. */
  KAFKA_ENSURE_TOPICS: envBool().default(true),
  /** Largest accepted request body (docs/decisions/033). */
  HTTP_BODY_LIMIT_BYTES: envInt({ min: 1024, max: 10 * 1024 * 1024 }).default(64 * 1024),
  OUTBOX_PUBLISHER_ENABLED: envBool().default(true),
  /** Safety-net poll; NOTIFY normally wakes the publisher within milliseconds. */
  OUTBOX_POLL_INTERVAL_MS: envInt({ min: 50, max: 60_000 }).default(1_000),
  OUTBOX_BATCH_SIZE: envInt({ min: 1, max: 1_000 }).default(100),
  /** A send not acknowledged by then is abandoned, its producer replaced and the batch retried. */
  OUTBOX_SEND_TIMEOUT_MS: envInt({ min: 1_000, max: 600_000 }).default(60_000),
  /** Sent outbox rows are deleted after this long (they are only kept for diagnosis). */
  OUTBOX_RETENTION_HOURS: envInt({ min: 1, max: 24 * 365 }).default(72),
});
export type LeadsConfig = z.output<typeof LeadsEnv>;

export const LEADS_CONFIG = Symbol('LEADS_CONFIG');

/** For tests: a full config from a partial environment, throwing ConfigError if invalid. */
export function leadsConfig(env: Record<string, string | undefined>): LeadsConfig {
  return parseConfig(LeadsEnv, env);
}

/**
 * The only place leads-service reads `process.env` (the server and the CLI both come
 * through here); a bad value ends the process with one line naming it.
 */
export function leadsConfigFromProcessEnv<S extends z.ZodObject = typeof LeadsEnv>(
  schema?: S,
): z.output<S> {
  return parseConfigOrExit(schema ?? LeadsEnv, process.env) as z.output<S>;
}
