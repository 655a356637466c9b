import {
  KafkaJSBrokerNotFound,
  KafkaJSConnectionError,
  KafkaJSMetadataNotLoaded,
  KafkaJSProtocolError,
  KafkaJSRequestTimeoutError,
  KafkaJSTimeout,
} from 'kafkajs';

/** kafkajs error classes that mean no broker can serve the request right now. */
const unreachable = [
  KafkaJSConnectionError,
  KafkaJSRequestTimeoutError,
  KafkaJSBrokerNotFound,
  KafkaJSMetadataNotLoaded,
  KafkaJSTimeout,
];

/**
 * For libs/http's `dependencyOutages`: 'message broker' when an error a request met
 * (producing a replay, a test event) means Kafka cannot be reached, so the answer is a
 * 503 the client may retry (docs/decisions/060); undefined otherwise. By class, never
 * by message: a connection, timeout or missing-broker error, a retriable protocol error
 * (a leader moving), or any of those as the cause of KafkaJSNumberOfRetriesExceeded.
 */
export function kafkaOutage(error: unknown): 'message broker' | undefined {
  return isKafkaUnreachable(error, 0) ? 'message broker' : undefined;
}

function isKafkaUnreachable(error: unknown, depth: number): boolean {
  if (depth > 4 || !(error instanceof Error)) return false;
  if (unreachable.some((type) => error instanceof type)) return true;
  if (error instanceof KafkaJSProtocolError && error.retriable) return true;
  return isKafkaUnreachable(error.cause, depth + 1);
}
