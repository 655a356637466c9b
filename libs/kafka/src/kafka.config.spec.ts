import { resolveKafkaOptions } from './kafka.config';
import { KafkaConfigError } from './kafka.errors';
import { consoleJsonLogger } from './kafka.logger';

describe(resolveKafkaOptions.name, () => {
  it('fills the defaults', () => {
    expect(resolveKafkaOptions({ brokers: [' 127.0.0.1:9092 '], clientId: 'dispatcher' })).toEqual({
      brokers: ['127.0.0.1:9092'],
      clientId: 'dispatcher',
      namespace: undefined,
      connectionTimeoutMs: 3_000,
      requestTimeoutMs: 30_000,
      logLevel: 'warn',
      logger: consoleJsonLogger,
      topicReplication: undefined,
    });
  });

  it('accepts IPv6 and host names', () => {
    const brokers = ['[::1]:9092', 'kafka-0.kafka.svc:29092'];
    expect(resolveKafkaOptions({ brokers, clientId: 'x' }).brokers).toEqual(brokers);
  });

  it.each([
    ['brokers', { brokers: [] }],
    ['brokers', { brokers: ['localhost'] }],
    ['clientId', { clientId: ' ' }],
    ['namespace', { namespace: 'has space' }],
    ['requestTimeoutMs', { requestTimeoutMs: 0 }],
    ['connectionTimeoutMs', { connectionTimeoutMs: 1.5 }],
    ['KAFKA_REPLICATION_FACTOR', { topicReplication: { replicationFactor: 0 } }],
    [
      'KAFKA_MIN_INSYNC_REPLICAS',
      { topicReplication: { replicationFactor: 3, minInsyncReplicas: 0 } },
    ],
    [
      'KAFKA_MIN_INSYNC_REPLICAS',
      { topicReplication: { replicationFactor: 1, minInsyncReplicas: 2 } },
    ],
  ])('names %s when it is wrong', (field, overrides) => {
    const resolve = () =>
      resolveKafkaOptions({ brokers: ['localhost:9092'], clientId: 'x', ...overrides });
    expect(resolve).toThrow(KafkaConfigError);
    expect(resolve).toThrow(field);
  });
});

describe('topic replication', () => {
  const resolve = (topicReplication: { replicationFactor: number; minInsyncReplicas?: number }) =>
    resolveKafkaOptions({ brokers: ['localhost:9092'], clientId: 'x', topicReplication })
      .topicReplication;

  it('keeps a valid setting as it is', () => {
    expect(resolve({ replicationFactor: 3, minInsyncReplicas: 2 })).toEqual({
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(resolve({ replicationFactor: 1 })).toEqual({ replicationFactor: 1 });
  });

  it('says why a min.insync.replicas above the replication factor is refused', () => {
    expect(() => resolve({ replicationFactor: 2, minInsyncReplicas: 3 })).toThrow(
      'KAFKA_MIN_INSYNC_REPLICAS: 3 is more than KAFKA_REPLICATION_FACTOR=2',
    );
  });
});
