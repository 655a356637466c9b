import { envBool, envEnum, envHostPorts, envInt, envPort, envString, envUrl } from './env-fields';

// The settings every service of ours shares, as fields to spread into its own z.object.
// Names and defaults are part of each app's documented interface (the READMEs' tables),
// so only what differs between apps is a parameter.

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const portField = (defaultPort: number) => envPort().default(defaultPort);

/**
 * Where an HTTP app listens and how much it logs. The port's variable is the app's own
 * (`PORT`, `DISPATCHER_PORT`, `GATEWAY_PORT`): several apps can then share one environment.
 */
export function httpServerFields<const P extends string>(portVariable: P, defaultPort: number) {
  const port = { [portVariable]: portField(defaultPort) } as Record<
    P,
    ReturnType<typeof portField>
  >;
  return {
    ...port,
    HOST: envString().default('0.0.0.0'),
    LOG_LEVEL: envEnum(logLevels).default('info'),
  };
}

/** The app's Postgres; `poolSize` is its default pool (the dispatcher's workers want more). */
export function databaseFields({ poolSize }: { poolSize: number }) {
  return {
    DATABASE_URL: envUrl(['postgres', 'postgresql']),
    DATABASE_POOL_SIZE: envInt({ min: 2, max: 100 }).default(poolSize),
    /** Run pending migrations at start-up (under an advisory lock). */
    DATABASE_MIGRATE: envBool().default(true),
  };
}

/** The Kafka cluster; `clientId` names the app in the broker's logs and quotas. */
export function kafkaFields({ clientId }: { clientId: string }) {
  return {
    KAFKA_BROKERS: envHostPorts(),
    KAFKA_CLIENT_ID: envString().default(clientId),
    /** Prefix of every topic and group name; empty in production (docs/decisions/002). */
    KAFKA_NAMESPACE: envString().optional(),
    /** Create the app's topics when missing, at start-up. */
    KAFKA_ENSURE_TOPICS: envBool().default(true),
    /** Replicas of each topic it creates: 1 for one broker, 3 for a cluster (decision 058). */
    KAFKA_REPLICATION_FACTOR: envInt({ min: 1, max: 32 }).default(1),
    /** Topic-level min.insync.replicas; unset: 2 from three replicas up, else the broker's. */
    KAFKA_MIN_INSYNC_REPLICAS: envInt({ min: 1, max: 32 }).optional(),
  };
}
