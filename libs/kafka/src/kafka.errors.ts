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

export class KafkaClientClosedError extends Error {
  override readonly name = 'KafkaClientClosedError';
  constructor() {
    super('the Kafka client was shut down');
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
