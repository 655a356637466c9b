/**
 * Proves patches/kafkajs+2.2.4.patch is applied and does what docs/decisions/057 says:
 * kafkajs's `sendMessages` keeps answers per partition across retries, so a partition whose
 * leader moved to a broker that had already answered is still sent, and the send resolves
 * with every partition's answer (tulios/kafkajs#1303). Released kafkajs 2.2.4 fails the
 * first case: it resolves with partition 0's answer alone.
 */

type Produce = (request: { topicData: TopicData[] }) => Promise<unknown>;
interface TopicData {
  topic: string;
  partitions: { partition: number; messages: unknown[] }[];
}
interface Answer {
  topicName: string;
  partition: number;
  errorCode: number;
  baseOffset: string;
}
type SendMessages = (request: {
  acks: number;
  topicMessages: { topic: string; messages: { key: string; value: string; partition: number }[] }[];
}) => Promise<Answer[]>;

// kafkajs internals have no types: each is given the shape this spec uses.
const createSendMessages = require('kafkajs/src/producer/sendMessages') as (
  deps: object,
) => SendMessages;
const createRetry = require('kafkajs/src/retry') as (options: object) => unknown;
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => Error;
};
const { KafkaJSProtocolError } = require('kafkajs/src/errors') as {
  KafkaJSProtocolError: new (error: Error) => Error;
};

const notLeader = 6;
const topic = 'leads.save_lead';

/**
 * A cluster whose leaders are `leaders` (partition → node id) until a metadata refresh,
 * which applies the next entry of `moves`. A broker refuses a partition it no longer leads
 * with NOT_LEADER_FOR_PARTITION, as Kafka does; `failOnce` node ids fail their first request
 * that way even while still leading (the leader that was killed mid-send).
 */
function fakeCluster(
  leaders: Record<number, number>,
  moves: Record<number, number>[],
  failOnce: number[],
) {
  const current = { ...leaders };
  const written: { nodeId: number; partition: number }[] = [];
  const failing = new Set(failOnce);
  let offset = 100;
  const broker = (nodeId: number): { nodeId: number; produce: Produce } => ({
    nodeId,
    produce: async ({ topicData }) => {
      const partitions = topicData.flatMap((data) => data.partitions.map((p) => p.partition));
      if (failing.delete(nodeId) || partitions.some((p) => current[p] !== nodeId)) {
        throw new KafkaJSProtocolError(createErrorFromCode(notLeader));
      }
      for (const partition of partitions) written.push({ nodeId, partition });
      return {
        topics: [
          {
            topicName: topic,
            partitions: partitions.map((partition) => ({
              partition,
              errorCode: 0,
              baseOffset: String((offset += 1)),
              logAppendTime: '-1',
              logStartOffset: '0',
            })),
          },
        ],
      };
    },
  });
  const brokers = new Map([1, 2, 3].map((id) => [id, broker(id)]));
  const cluster = {
    targetTopics: new Set<string>(),
    addMultipleTargetTopics: async () => undefined,
    refreshMetadataIfNecessary: async () => undefined,
    refreshMetadata: async () => Object.assign(current, moves.shift() ?? {}),
    isConnected: () => true,
    findTopicPartitionMetadata: () =>
      Object.keys(current).map((id) => ({ partitionId: Number(id), leader: current[Number(id)] })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const perLeader: Record<number, number[]> = {};
      for (const id of partitions.map(Number)) (perLeader[current[id] as number] ??= []).push(id);
      return perLeader;
    },
    findBroker: async ({ nodeId }: { nodeId: string }) => brokers.get(Number(nodeId)),
  };
  return { cluster, written };
}

const eosManager = {
  isTransactional: () => false,
  acquireBrokerLock: async () => undefined,
  releaseBrokerLock: async () => undefined,
  getSequence: () => 0,
  updateSequence: () => undefined,
  getProducerId: () => -1,
  getProducerEpoch: () => 0,
};
const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

function send(cluster: object, partitions: number[]): Promise<Answer[]> {
  const sendMessages = createSendMessages({
    logger,
    cluster,
    eosManager,
    // The partition is on each message: the partitioner only passes it on.
    partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    retrier: createRetry({ retries: 5, initialRetryTime: 1, maxRetryTime: 5 }),
  });
  return sendMessages({
    acks: -1,
    topicMessages: [
      {
        topic,
        messages: partitions.map((partition) => ({ key: `k${partition}`, value: 'v', partition })),
      },
    ],
  });
}

const answered = (answers: Answer[]) => answers.map((answer) => answer.partition).sort();

describe('kafkajs sendMessages, patched (docs/decisions/057)', () => {
  it('sends a partition whose leader moved to a broker that had already answered', async () => {
    // Partition 1's leader (2) dies mid-send; partition 1 moves to broker 1, which answered.
    const { cluster, written } = fakeCluster({ 0: 1, 1: 2 }, [{ 1: 1 }], [2]);

    const answers = await send(cluster, [0, 1]);

    expect(answered(answers)).toEqual([0, 1]);
    expect(answers.every((answer) => answer.errorCode === 0)).toBe(true);
    // Each partition written once: an answered partition is not sent again.
    expect(written).toEqual([
      { nodeId: 1, partition: 0 },
      { nodeId: 1, partition: 1 },
    ]);
  });

  it('follows leaders that move on every try until each partition has answered', async () => {
    const { cluster, written } = fakeCluster(
      { 0: 1, 1: 2, 2: 3, 3: 3 },
      [{ 2: 1, 3: 2 }, { 3: 1 }],
      [3, 2],
    );

    const answers = await send(cluster, [0, 1, 2, 3]);

    expect(answered(answers)).toEqual([0, 1, 2, 3]);
    expect(written.map((write) => write.partition).sort()).toEqual([0, 1, 2, 3]);
  });
});

// A module, not a script: its names stay its own.
export {};
