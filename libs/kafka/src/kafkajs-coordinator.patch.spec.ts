/**
 * Proves the consumer half of patches/kafkajs+2.2.4.patch (docs/decisions/057): after the
 * group's coordinator is lost with its broker, commits and heartbeats look the coordinator
 * up again (FindCoordinator) instead of failing at the old node id until kafkajs restarts
 * the consumer. Released kafkajs 2.2.4 keeps sending to the lost broker and fails both.
 */

const OffsetManager = require('kafkajs/src/consumer/offsetManager') as new (options: object) => {
  commitOffsets(offsets: object): Promise<void>;
};
const ConsumerGroup = require('kafkajs/src/consumer/consumerGroup') as new (options: object) => {
  memberId: string;
  generationId: number;
  coordinator: unknown;
  heartbeat(options: { interval: number }): Promise<void>;
};
const { KafkaJSConnectionError, KafkaJSProtocolError } = require('kafkajs/src/errors') as {
  KafkaJSConnectionError: new (message: string) => Error;
  KafkaJSProtocolError: new (error: Error) => Error;
};
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => Error;
};

const notCoordinator = 16;

/** A broker as the coordinator code uses it; `fails` is what each of its requests throws. */
function coordinator(nodeId: number, fails?: () => Error) {
  const requests: string[] = [];
  const answer = (kind: string) => async () => {
    requests.push(kind);
    if (fails) throw fails();
  };
  return {
    nodeId,
    requests,
    isConnected: () => true,
    offsetCommit: answer('offsetCommit'),
    heartbeat: answer('heartbeat'),
  };
}

/** The cluster says the group's coordinator is now `current`. */
function cluster(current: ReturnType<typeof coordinator>) {
  return {
    lookups: 0,
    async findGroupCoordinator() {
      this.lookups += 1;
      return current;
    },
    // What released kafkajs calls to reach the old coordinator again: it is gone.
    findBroker: async ({ nodeId }: { nodeId: number }) => {
      throw new KafkaJSConnectionError(`Broker ${nodeId} not found in the cached metadata`);
    },
    refreshMetadata: async () => undefined,
    committedOffsets: () => ({}),
  };
}

const logger = {
  namespace: () => logger,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
const emitter = { emit: () => undefined };
const commit = { topics: [{ topic: 't', partitions: [{ partition: 0, offset: '42' }] }] };

function offsetManager(lost: ReturnType<typeof coordinator>, c: ReturnType<typeof cluster>) {
  return new OffsetManager({
    cluster: c,
    coordinator: lost,
    memberAssignment: { t: [0] },
    topicConfigurations: {},
    instrumentationEmitter: emitter,
    groupId: 'g',
    generationId: 3,
    memberId: 'm',
  });
}

describe('kafkajs coordinator lookup after a broker loss, patched (docs/decisions/057)', () => {
  it.each([
    ['a refused connection', () => new KafkaJSConnectionError('Connection refused')],
    ['NOT_COORDINATOR', () => new KafkaJSProtocolError(createErrorFromCode(notCoordinator))],
  ])('commits at the new coordinator after %s', async (_name, error) => {
    const lost = coordinator(1, error);
    const moved = coordinator(2);
    const c = cluster(moved);
    const offsets = offsetManager(lost, c);

    await expect(offsets.commitOffsets(commit)).rejects.toThrow();
    // The caller's retry (kafkajs's runner, then PartitionCommitter) lands now.
    await offsets.commitOffsets(commit);

    expect(lost.requests).toEqual(['offsetCommit']);
    expect(moved.requests).toEqual(['offsetCommit']);
    expect(c.lookups).toBe(1);
  });

  it('commits at the new coordinator when the old one is disconnected', async () => {
    const lost = { ...coordinator(1), isConnected: () => false };
    const moved = coordinator(2);
    const offsets = offsetManager(lost, cluster(moved));

    await offsets.commitOffsets(commit);

    expect(moved.requests).toEqual(['offsetCommit']);
  });

  it('heartbeats at the new coordinator after the old one refused the connection', async () => {
    const lost = coordinator(1, () => new KafkaJSConnectionError('Connection refused'));
    const moved = coordinator(2);
    const group = new ConsumerGroup({
      cluster: cluster(moved),
      groupId: 'g',
      topics: ['t'],
      logger,
      instrumentationEmitter: emitter,
      retry: {},
    });
    group.memberId = 'm';
    group.generationId = 3;
    group.coordinator = lost;

    await expect(group.heartbeat({ interval: 0 })).rejects.toThrow('Connection refused');
    await group.heartbeat({ interval: 0 });

    expect(lost.requests).toEqual(['heartbeat']);
    expect(moved.requests).toEqual(['heartbeat']);
  });
});

// A module, not a script: its names stay its own.
export {};
