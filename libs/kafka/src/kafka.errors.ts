/**
 * The few errors this library raises. Callers branch on the class, never on the text:
 * a config error stops start-up, an invalid outgoing message is a bug in the caller
 * (it must not be retried), a provisioning error names the topic the broker refused.
 */
export class KafkaConfigError extends Error {
  override readonly name = 'KafkaConfigError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Kafka option ${field}: ${problem}`);
  }
}

export class InvalidOutgoingMessageError extends Error {
  override readonly name = 'InvalidOutgoingMessageError';
  constructor(
    readonly topic: string,
    readonly index: number,
    readonly detail: string,
  ) {
    super(`message ${index} for topic ${topic} does not match its schema: ${detail}`);
  }
}

export class TopicProvisioningError extends Error {
  override readonly name = 'TopicProvisioningError';
  constructor(
    readonly topic: string,
    cause: unknown,
  ) {
    super(`could not provision topic ${topic}: ${describeError(cause)}`, { cause });
  }
}

/**
 * A send resolved, but not every partition its records were routed to came back with an
 * offset and no error: some records may not be written. The send failed as a whole; the
 * caller sends again (consumers drop the duplicates by their ids).
 */
export class IncompleteSendError extends Error {
  override readonly name = 'IncompleteSendError';
  constructor(
    readonly topic: string,
    /** Partitions without an acknowledged offset, each with why. */
    readonly unacknowledged: readonly { partition: number; problem: string }[],
  ) {
    super(
      `send to ${topic} not acknowledged for partition(s) ${unacknowledged
        .map(({ partition, problem }) => `${partition} (${problem})`)
        .join(', ')}`,
    );
  }
}

export class KafkaClientClosedError extends Error {
  override readonly name = 'KafkaClientClosedError';
  constructor() {
    super('the Kafka client was shut down');
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
