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
  joinAndSync(): Promise<void>;
  recoverFromFetch(error: Error): Promise<void>;
};
const { KafkaJSConnectionError, KafkaJSProtocolError, KafkaJSNumberOfRetriesExceeded } =
  require('kafkajs/src/errors') as {
    KafkaJSConnectionError: new (message: string) => Error;
    KafkaJSProtocolError: new (error: Error) => Error;
    KafkaJSNumberOfRetriesExceeded: new (error: Error, options: object) => Error;
  };
const { createErrorFromCode } = require('kafkajs/src/protocol/error') as {
  createErrorFromCode: (code: number) => Error;
};

const notCoordinator = 16;
const groupLoadInProgress = 14;
const notLeader = 6;

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

/**
 * The cluster says the group's coordinator is now `current`; the first `lookupFailures`
 * lookups fail as kafkajs's own retries do against a coordinator still gone.
 */
function cluster(current: ReturnType<typeof coordinator>, lookupFailures = 0) {
  return {
    lookups: 0,
    refreshes: 0,
    async findGroupCoordinator() {
      this.lookups += 1;
      if (this.lookups <= lookupFailures) {
        const refused = new KafkaJSConnectionError('Connection refused');
        throw new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 12, retryTime: 1_000 });
      }
      return current;
    },
    findTopicPartitionMetadata: () => [],
    // What released kafkajs calls to reach the old coordinator again: it is gone.
    findBroker: async ({ nodeId }: { nodeId: number }) => {
      throw new KafkaJSConnectionError(`Broker ${nodeId} not found in the cached metadata`);
    },
    async refreshMetadata() {
      this.refreshes += 1;
    },
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

function group(c: ReturnType<typeof cluster>, current: unknown) {
  const made = new ConsumerGroup({
    cluster: c,
    groupId: 'g',
    topics: ['t'],
    logger,
    instrumentationEmitter: emitter,
    assigners: [],
    retry: { retries: 3, initialRetryTime: 1, maxRetryTime: 1 },
  });
  made.memberId = 'm';
  made.generationId = 3;
  made.coordinator = current;
  return made;
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
    const g = group(cluster(moved), lost);

    await expect(g.heartbeat({ interval: 0 })).rejects.toThrow('Connection refused');
    await g.heartbeat({ interval: 0 });

    expect(lost.requests).toEqual(['heartbeat']);
    expect(moved.requests).toEqual(['heartbeat']);
  });

  it('keeps a lookup that ran out of tries retriable, so the consumer retries instead of crashing', async () => {
    const lost = { ...coordinator(1), isConnected: () => false };
    const moved = coordinator(2);
    const g = group(cluster(moved, 1), lost);

    const failure = await g.heartbeat({ interval: 0 }).then(
      () => undefined,
      (error: unknown) => error as { retriable?: boolean },
    );
    expect(failure?.retriable).toBe(true);
    await g.heartbeat({ interval: 0 });
    expect(moved.requests).toEqual(['heartbeat']);
  });

  it.each([
    ['the coordinator is loading the group', 0, groupLoadInProgress],
    ['the lookup ran out of tries against the lost coordinator', 1, undefined],
  ])(
    'joins again in place when %s, without a consumer restart',
    async (_name, lookupFailures, code) => {
      const joinErrors =
        code === undefined ? [] : [new KafkaJSProtocolError(createErrorFromCode(code))];
      const syncReached = new Error('sync reached');
      const current = {
        ...coordinator(2),
        joins: 0,
        async joinGroup() {
          this.joins += 1;
          const refused = joinErrors.shift();
          if (refused) throw refused;
          return {
            generationId: 4,
            leaderId: 'other',
            memberId: 'm',
            members: [],
            groupProtocol: 'x',
          };
        },
        // Past the join: the test stops here (released kafkajs never gets this far).
        syncGroup: async () => {
          throw syncReached;
        },
      };
      const c = cluster(current, lookupFailures);

      await expect(group(c, current).joinAndSync()).rejects.toBe(syncReached);
      expect(current.joins).toBe(code === undefined ? 1 : 2);
      expect(c.lookups).toBe(2);
    },
  );

  it.each([
    [
      'a refused connection to the dead leader',
      () => new KafkaJSConnectionError('Connection refused'),
    ],
    ['NOT_LEADER', () => new KafkaJSProtocolError(createErrorFromCode(notLeader))],
  ])(
    'reads the metadata again after %s while fetching, without rejoining',
    async (_name, error) => {
      const current = coordinator(2);
      const c = cluster(current);

      await group(c, current).recoverFromFetch(error());

      expect(c.refreshes).toBe(1);
      expect(c.lookups).toBe(0);
    },
  );
});

// A module, not a script: its names stay its own.
export {};
