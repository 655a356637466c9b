import {
  ConfigError,
  databaseFields,
  type Env,
  envBool,
  envEnum,
  envInt,
  envList,
  httpServerFields,
  kafkaFields,
  parseConfig,
} from '@leadhooks/config';
import {
  retryPolicyFromEnv,
  RetryPolicyConfigError,
  type RetryPolicy,
} from '@leadhooks/retry-policy';
import { z } from 'zod';
import { envRetention } from '../retention/retention.duration';

/** The dispatcher's consumers, each its own consumer group: see DISPATCHER_CONSUMERS. */
export const dispatcherRoles = ['fanout', 'deliveries', 'retries'] as const;
export type DispatcherRole = (typeof dispatcherRoles)[number];

/** Every setting of the dispatcher; apps/dispatcher/README.md's table mirrors it. */
export const DispatcherEnv = z.object({
  ...httpServerFields('DISPATCHER_PORT', 3004),
  ...databaseFields({ poolSize: 20 }),
  ...kafkaFields({ clientId: 'dispatcher' }),
  /** A member silent this long is dropped from its group and its partitions reassigned. */
  KAFKA_SESSION_TIMEOUT_MS: envInt({ min: 6_000, max: 300_000 }).default(30_000),
  HTTP_BODY_LIMIT_BYTES: envInt({ min: 1024, max: 1024 * 1024 }).default(64 * 1024),
  /** Development only: accept and call http:// webhook URLs. */
  WEBHOOK_ALLOW_HTTP: envBool().default(false),
  /** Development and tests only: call loopback, private and other non-public addresses. */
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: envBool().default(false),
  /** Whole exchange of one attempt, first byte out to last byte read. */
  WEBHOOK_TIMEOUT_MS: envInt({ min: 100, max: 60_000 }).default(15_000),
  /** DNS + TCP + TLS of a new connection. */
  WEBHOOK_CONNECT_TIMEOUT_MS: envInt({ min: 100, max: 30_000 }).default(5_000),
  /** How much of a receiver's answer is read (and kept as the log's snippet). */
  WEBHOOK_MAX_RESPONSE_BYTES: envInt({ min: 256, max: 64 * 1024 }).default(4 * 1024),
  /** Pooled keep-alive connections per receiver host. */
  WEBHOOK_MAX_SOCKETS_PER_HOST: envInt({ min: 1, max: 256 }).default(16),
  /** Partitions a dispatcher consumer works on at once. */
  DISPATCHER_PARTITION_CONCURRENCY: envInt({ min: 1, max: 256 }).default(6),
  /** Records of one partition (first attempts, or retries waiting for their tier) in progress or waiting for their endpoint, at once. */
  DISPATCHER_MAX_IN_FLIGHT_PER_PARTITION: envInt({ min: 1, max: 1_000 }).default(128),
  /**
   * Attempts (first or retry) to one endpoint in progress at once, per partition (an endpoint's
   * deliveries share one partition), counting those being logged after their request:
   * concurrent requests to one host are further capped by WEBHOOK_MAX_SOCKETS_PER_HOST.
   */
  DISPATCHER_MAX_IN_FLIGHT_PER_ENDPOINT: envInt({ min: 1, max: 100 }).default(32),
  /**
   * How long an idle fetch waits for data before it returns, for every consumer: an idle
   * retry tier's new record, or a partition resumed after its window was full, joins the
   * next fetch, so it starts within about this.
   */
  DISPATCHER_RETRY_POLL_MS: envInt({ min: 50, max: 5_000 }).default(500),
  /**
   * How long a webhook's configuration read for a delivery attempt is reused by this
   * process (decision 013): a change or delete made through another process shows within
   * it. 0 reads Postgres on every attempt.
   */
  DISPATCHER_WEBHOOK_CACHE_MS: envInt({ min: 0, max: 10_000 }).default(1_000),
  /**
   * Tests only: a webhook's own retry schedule (days long) runs this many times faster.
   * The deployment's WEBHOOK_RETRY_DELAYS are not scaled (they can be set short directly).
   */
  WEBHOOK_RETRY_SCHEDULE_DIVISOR: envInt({ min: 1, max: 1_000_000 }).default(1),
  /** A webhook whose every attempt failed for this long is disabled (decision 065; 5 days). */
  WEBHOOK_DISABLE_AFTER_FAILING_SECONDS: envInt({ min: 1, max: 90 * 24 * 3600 }).default(
    5 * 24 * 3600,
  ),
  /** A webhook with this many dead letters in a row is disabled (decision 065). */
  WEBHOOK_DISABLE_AFTER_DEAD_LETTERS: envInt({ min: 1, max: 1_000_000 }).default(100),
  /** How long the previous secret keeps signing after a rotation. */
  WEBHOOK_SECRET_OVERLAP_HOURS: envInt({ min: 0, max: 24 * 30 }).default(24),
  /**
   * The consumer groups this process joins (decision 051): all three by default; `none`
   * serves the API only. Split by role, fan-out and delivery each get a process (a core).
   */
  DISPATCHER_CONSUMERS: envList(envEnum([...dispatcherRoles, 'none']))
    .refine((roles) => !roles.includes('none') || roles.length === 1, {
      message: 'none cannot be listed with a consumer',
    })
    .transform((roles) => dispatcherRoles.filter((role) => roles.includes(role)))
    .default([...dispatcherRoles]),
  /**
   * Finished deliveries (delivered, dead-lettered, cancelled) last changed longer ago than
   * this are purged with their attempts and dead letters (decision 067): `30d`, `12h`.
   */
  DELIVERY_RETENTION: envRetention().default(30 * 86_400_000),
  /** Bodies of finished deliveries are dropped after this; unset: kept as long as the rest. */
  DELIVERY_BODY_RETENTION: envRetention().optional(),
  /**
   * How long leads.save_lead keeps events when the dispatcher creates it (`7d`): how far
   * back a backfill can reach (decision 069 reads the topic's own retention.ms).
   */
  LEADS_TOPIC_RETENTION: envRetention().default(7 * 86_400_000),
  /** Backfills this process reads at once; more wait their turn (decision 069). */
  BACKFILL_MAX_RUNNING: envInt({ min: 1, max: 32 }).default(2),
  /** How often this process looks for a backfill to start or take over, ms. */
  BACKFILL_POLL_MS: envInt({ min: 100, max: 60_000 }).default(2_000),
  /** How often this process tries to purge (one instance at a time purges); 0 never. */
  DELIVERY_PURGE_INTERVAL_MS: envInt({ min: 0, max: 86_400_000 })
    .refine((ms) => ms === 0 || ms >= 1_000, { message: 'must be 0 (never) or at least 1000' })
    .default(600_000),
});

export type DispatcherConfig = Omit<z.output<typeof DispatcherEnv>, 'DELIVERY_BODY_RETENTION'> & {
  /** From WEBHOOK_RETRY_DELAYS, WEBHOOK_RETRY_JITTER_RATIO, WEBHOOK_RETRY_AFTER_MAX. */
  retryPolicy: RetryPolicy;
  /** In ms; DELIVERY_RETENTION when unset, never longer than it. */
  DELIVERY_BODY_RETENTION: number;
};

export const DISPATCHER_CONFIG = Symbol('DISPATCHER_CONFIG');

/** A full config from an environment, throwing ConfigError naming every bad variable. */
export function dispatcherConfig(env: Env): DispatcherConfig {
  const base = parseConfig(DispatcherEnv, env);
  const bodyRetention = base.DELIVERY_BODY_RETENTION ?? base.DELIVERY_RETENTION;
  if (bodyRetention > base.DELIVERY_RETENTION) {
    throw new ConfigError([
      {
        variable: 'DELIVERY_BODY_RETENTION',
        problem: 'must not be longer than DELIVERY_RETENTION (a body goes with its delivery)',
      },
    ]);
  }
  try {
    return {
      ...base,
      DELIVERY_BODY_RETENTION: bodyRetention,
      retryPolicy: retryPolicyFromEnv(env),
    };
  } catch (error) {
    if (!(error instanceof RetryPolicyConfigError)) throw error;
    throw new ConfigError([{ variable: 'WEBHOOK_RETRY_*', problem: error.message }]);
  }
}

/** The only place the dispatcher reads `process.env`; a bad value ends the process with its name. */
export function dispatcherConfigFromProcessEnv(): DispatcherConfig {
  try {
    return dispatcherConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(1);
  }
}
