/**
 * Broker answers that mean the idempotent producer's own state (its producer id and the
 * sequence number of each partition) no longer matches the broker's, for example after
 * leadership moved while a send was half done. kafkajs treats them as final and keeps its
 * state, so every later send of that producer is refused the same way: the outbox stayed
 * wedged on OUT_OF_ORDER_SEQUENCE_NUMBER after a broker kill (docs/decisions/057). The
 * Java client resets its producer id on these; `KafkaTypedProducer` does the same by
 * starting a new kafkajs producer.
 */
const producerStateErrors = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'INVALID_PRODUCER_EPOCH',
  'INVALID_PRODUCER_ID_MAPPING',
  'UNKNOWN_PRODUCER_ID',
]);

/** Whether `error`, or an error it was caused by, is one of the answers above. */
export function lostProducerState(error: unknown): boolean {
  for (let seen = 0, current = error; current instanceof Error && seen < 5; seen += 1) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && producerStateErrors.has(type)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
