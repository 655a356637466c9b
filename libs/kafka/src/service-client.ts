import { KafkaClient } from './kafka-client';
import type { KafkaLogger } from './kafka.logger';

/** The Kafka settings every service parses (libs/config's `kafkaFields` plus LOG_LEVEL). */
export interface ServiceKafkaSettings {
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID: string;
  KAFKA_NAMESPACE?: string;
  /** Optional so that settings objects made before these existed (tests) still fit. */
  KAFKA_REPLICATION_FACTOR?: number;
  KAFKA_MIN_INSYNC_REPLICAS?: number;
  LOG_LEVEL: string;
}

/** What the adapter needs of the app's logger: pino's shape, without depending on pino. */
export interface StructuredLogger {
  child(bindings: Record<string, unknown>): StructuredLogger;
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

/** kafkajs's lines and ours, through the app's logger under `component: "kafka"`. */
export function structuredKafkaLogger(logger: StructuredLogger): KafkaLogger {
  const kafkaLog = logger.child({ component: 'kafka' });
  return ({ level, source, message, fields }) => kafkaLog[level]({ source, ...fields }, message);
}

/**
 * The one KafkaClient of a service, configured the same way in each: kafkajs is chatty
 * at info, so its lines show only when the app itself logs at debug or trace.
 */
export function createServiceKafkaClient(
  settings: ServiceKafkaSettings,
  logger: StructuredLogger,
): KafkaClient {
  return new KafkaClient({
    brokers: settings.KAFKA_BROKERS,
    clientId: settings.KAFKA_CLIENT_ID,
    namespace: settings.KAFKA_NAMESPACE,
    logLevel: settings.LOG_LEVEL === 'debug' || settings.LOG_LEVEL === 'trace' ? 'info' : 'warn',
    logger: structuredKafkaLogger(logger),
    topicReplication:
      settings.KAFKA_REPLICATION_FACTOR === undefined
        ? undefined
        : {
            replicationFactor: settings.KAFKA_REPLICATION_FACTOR,
            minInsyncReplicas: settings.KAFKA_MIN_INSYNC_REPLICAS,
          },
  });
}

/**
 * Kafka as a readiness check (libs/http's HealthIndicator shape): a bounded metadata round
 * trip to each listed broker at once. Down only when none answers; when some do and others
 * not, `degraded` naming them (the cluster serves, with less to spare). `critical` is the
 * service's call: whether it is useless without Kafka.
 */
export class KafkaReadinessCheck {
  readonly name = 'kafka';

  constructor(
    private readonly client: KafkaClient,
    readonly critical: boolean,
    /** Per broker; below libs/http's 2.5 s bound per check, so the message is ours. */
    private readonly timeoutMs = 1_500,
  ) {}

  async check(): Promise<void | { degraded: string }> {
    const result = await this.client.ping(this.timeoutMs);
    if (!result.ok) throw new Error(result.error);
    if (result.unreachable.length === 0) return;
    const names = result.unreachable.map(({ broker, error }) => `${broker} (${error})`);
    return { degraded: `not answering: ${names.join(', ')}` };
  }
}
