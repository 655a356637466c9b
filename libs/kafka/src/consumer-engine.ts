import type { TopicName } from '@leadhooks/contracts';
import type { Kafka } from 'kafkajs';
import { fetchStep } from './consumer-fetch';
import { Partitions, watchGroup } from './consumer-partitions';
import { admitStep } from './consumer-records';
import type { ConsumerOptions, RunningConsumer } from './consumer.options';
import { describeError } from './kafka.errors';
import { consumerFetchMaxWaitMs, consumerRetry } from './kafka.config';
import type { KafkaLog } from './kafka.logger';
import { PartitionWork } from './partition-work';
import type { Naming } from './topic-names';

/**
 * The one consumer engine (decision 068), as four steps: fetch (`fetchStep`: records into
 * their partition's window), admit (`Admission`: due time, then the key's in-flight cap),
 * process (`processRecord`: the handler, retried on a throw), commit (`PartitionWork`: the
 * lowest offset without a durable outcome, via `PartitionCommitter`). At-least-once: after
 * a crash, records above the committed position run again.
 */
export async function startConsumer<T extends TopicName>(
  kafka: Kafka,
  naming: Naming,
  log: KafkaLog,
  options: ConsumerOptions<T>,
  onStopped: () => void,
): Promise<RunningConsumer> {
  const maxWindow = options.maxInFlightPerPartition ?? 1;
  const groupId = naming.group(options.groupId);
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    retry: consumerRetry,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: options.heartbeatIntervalMs,
    // The consumer's own wait, else the short default that bounds a broker-loss stall (057).
    maxWaitTimeInMs: options.maxWaitTimeMs ?? consumerFetchMaxWaitMs,
  });
  const stopping = new AbortController();
  const partitions = new Partitions(
    (topic, partition) =>
      new PartitionWork(
        options.maxInFlightPerKey ?? maxWindow,
        (offset) => consumer.commitOffsets([{ topic, partition, offset }]),
        // Refused (rebalance, coordinator moving): PartitionCommitter tries again.
        (offset, error) =>
          log.warn('offset commit failed', {
            groupId,
            topic,
            partition,
            offset,
            error: describeError(error),
          }),
      ),
  );
  const fatal = watchGroup(consumer, partitions, log, groupId, options.onCrash);
  const admit = admitStep(options, naming, log, stopping.signal);
  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: options.topics.map((topic) => naming.topic(topic)),
      fromBeginning: options.startFrom === 'earliest',
    });
    // Resolves once the member joined the group (kafkajs reports a failed join as a crash).
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 1,
      eachBatch: fetchStep(partitions, maxWindow, stopping.signal, admit),
    });
    if (fatal.error) throw fatal.error;
  } catch (error) {
    await consumer.disconnect().catch(() => undefined);
    onStopped();
    throw error;
  }
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    stopping.abort();
    // kafkajs ignores commits once its own stop has begun: ours go first.
    await partitions.stopAll();
    try {
      await consumer.disconnect();
    } finally {
      onStopped();
    }
  };
  return { groupId, stop: () => (stopped ??= stop()) };
}
