import {
  databaseFields,
  envBool,
  envInt,
  httpServerFields,
  kafkaFields,
  parseConfig,
  parseConfigOrExit,
} from '@leadhooks/config';
import { z } from 'zod';

/** Every setting of leads-service; the README's configuration table mirrors it. */
export const LeadsEnv = z.object({
  ...httpServerFields('PORT', 3001),
  ...databaseFields({ poolSize: 10 }),
  /** KAFKA_ENSURE_TOPICS creates leads.save_lead when missing, before the first publish. */
  ...kafkaFields({ clientId: 'leads-service' }),
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
