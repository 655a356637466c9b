import { ConfigError } from '@leadhooks/config';
import { platformTopicSpecs } from '@leadhooks/kafka';
import { topicReportLines, topicsCreateConfig } from './topics-create.config';

describe(topicsCreateConfig.name, () => {
  it('defaults to one replica, right for a single broker', () => {
    const config = topicsCreateConfig({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(config).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_REPLICATION_FACTOR: 1,
    });
    expect(config.KAFKA_MIN_INSYNC_REPLICAS).toBeUndefined();
  });

  it('reads the cluster settings', () => {
    expect(
      topicsCreateConfig({
        KAFKA_BROKERS: '127.0.0.1:1,127.0.0.1:2,127.0.0.1:3',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_NAMESPACE: 'staging',
      }),
    ).toMatchObject({
      KAFKA_BROKERS: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3'],
      KAFKA_REPLICATION_FACTOR: 3,
      KAFKA_MIN_INSYNC_REPLICAS: 2,
      KAFKA_NAMESPACE: 'staging',
    });
  });

  it.each([
    ['KAFKA_BROKERS', { KAFKA_BROKERS: 'no-port' }],
    ['KAFKA_BROKERS', { KAFKA_BROKERS: undefined }],
    ['KAFKA_REPLICATION_FACTOR', { KAFKA_REPLICATION_FACTOR: 'three' }],
    ['KAFKA_REPLICATION_FACTOR', { KAFKA_REPLICATION_FACTOR: '0' }],
    ['KAFKA_MIN_INSYNC_REPLICAS', { KAFKA_MIN_INSYNC_REPLICAS: '-1' }],
    ['KAFKA_MIN_INSYNC_REPLICAS', { KAFKA_MIN_INSYNC_REPLICAS: '2; rm -rf /' }],
  ])('refuses a bad %s by name', (variable, env) => {
    const parse = () => topicsCreateConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ...env });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(variable);
  });
});

describe(topicReportLines.name, () => {
  it('says per topic how it is made and whether this run made it', () => {
    const specs = platformTopicSpecs({ replicationFactor: 3 });
    const lines = topicReportLines(
      specs,
      { created: ['leads.save_lead'], existing: [], grown: [] },
      (spec) => `prod.${spec.topic}`,
    );
    expect(lines[0]).toBe(
      'prod.leads.save_lead created partitions=6 replication.factor=3 min.insync.replicas=2 retention.ms=604800000',
    );
    expect(lines[1]).toMatch(
      /^prod\.lookups\.completed exists partitions=3 replication\.factor=3 /,
    );
    expect(lines).toHaveLength(specs.length);
  });
});
