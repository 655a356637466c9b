import { Topics } from '@leadhooks/contracts';
import { TopicProvisioningError } from './kafka.errors';
import { checkReplicationFits, validateTopicSpecs } from './topic-provisioner';
import { platformTopicSpecs, topicConfigEntries, withReplication } from './topic-specs';

describe(platformTopicSpecs.name, () => {
  it('covers every platform topic once', () => {
    expect(
      platformTopicSpecs()
        .map((spec) => spec.topic)
        .sort(),
    ).toEqual(Object.values(Topics).sort());
  });

  it('gives the busy topics 6 partitions, the rest 3, replication 1 by default', () => {
    const partitions = Object.fromEntries(
      platformTopicSpecs().map((spec) => [spec.topic, spec.partitions]),
    );
    expect(partitions).toEqual({
      'leads.save_lead': 6,
      'lookups.completed': 3,
      'webhooks.deliveries': 6,
      'webhooks.deliveries.retry.1': 3,
      'webhooks.deliveries.retry.2': 3,
      'webhooks.deliveries.retry.3': 3,
      'webhooks.deliveries.retry-in.1s': 3,
      'webhooks.deliveries.retry-in.5s': 3,
      'webhooks.deliveries.retry-in.30s': 3,
      'webhooks.deliveries.retry-in.2m': 3,
      'webhooks.deliveries.retry-in.10m': 3,
      'webhooks.deliveries.retry-in.1h': 3,
      'webhooks.deliveries.dlq': 3,
    });
    expect(new Set(platformTopicSpecs().map((spec) => spec.replicationFactor))).toEqual(
      new Set([1]),
    );
  });

  it('takes partitions and replication from its options', () => {
    const specs = platformTopicSpecs({ busyPartitions: 12, partitions: 4, replicationFactor: 3 });
    expect(specs.find((spec) => spec.topic === Topics.deliveries)?.partitions).toBe(12);
    expect(specs.find((spec) => spec.topic === Topics.deliveriesRetry1)?.partitions).toBe(4);
    expect(specs.every((spec) => spec.replicationFactor === 3)).toBe(true);
  });

  it('keeps leads.save_lead as long as asked (how far back a backfill reaches), 7 days if not', () => {
    const retention = (specs: ReturnType<typeof platformTopicSpecs>) =>
      specs.find((spec) => spec.topic === Topics.saveLead)?.retentionMs;
    expect(retention(platformTopicSpecs())).toBe(7 * 86_400_000);
    expect(retention(platformTopicSpecs({ saveLeadRetentionMs: 30 * 86_400_000 }))).toBe(
      30 * 86_400_000,
    );
    expect(
      platformTopicSpecs({ saveLeadRetentionMs: 60_000 })
        .filter((spec) => spec.topic !== Topics.saveLead)
        .every((spec) => spec.retentionMs !== 60_000),
    ).toBe(true);
  });
});

describe(topicConfigEntries.name, () => {
  it('maps cleanup policy, retention and extra config to broker config entries', () => {
    expect(
      topicConfigEntries({
        topic: Topics.saveLead,
        partitions: 1,
        replicationFactor: 1,
        cleanupPolicy: 'compact',
        retentionMs: 3_600_000,
        config: { 'min.compaction.lag.ms': '60000' },
      }),
    ).toEqual([
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'retention.ms', value: '3600000' },
      { name: 'min.compaction.lag.ms', value: '60000' },
    ]);
  });

  it('requires two in-sync replicas once there are three', () => {
    const entries = topicConfigEntries({
      topic: Topics.deliveries,
      partitions: 1,
      replicationFactor: 3,
    });
    expect(entries).toEqual([{ name: 'min.insync.replicas', value: '2' }]);
    expect(
      topicConfigEntries({ topic: Topics.deliveries, partitions: 1, replicationFactor: 1 }),
    ).toEqual([]);
  });
});

describe(validateTopicSpecs.name, () => {
  it.each([
    [
      'a duplicate',
      [Topics.saveLead, Topics.saveLead].map((topic) => ({
        topic,
        partitions: 1,
        replicationFactor: 1,
      })),
    ],
    ['zero partitions', [{ topic: Topics.saveLead, partitions: 0, replicationFactor: 1 }]],
    [
      'a fractional replication factor',
      [{ topic: Topics.saveLead, partitions: 1, replicationFactor: 1.5 }],
    ],
    [
      'a min.insync.replicas above the replication factor',
      [{ topic: Topics.saveLead, partitions: 1, replicationFactor: 1, minInsyncReplicas: 2 }],
    ],
  ])('refuses %s, naming the topic', (_case, specs) => {
    expect(() => validateTopicSpecs(specs)).toThrow(TopicProvisioningError);
    expect(() => validateTopicSpecs(specs)).toThrow('leads.save_lead');
  });
});

describe(withReplication.name, () => {
  it("puts the cluster's replication on every spec, over their own", () => {
    const specs = withReplication(platformTopicSpecs({ minInsyncReplicas: 1 }), {
      replicationFactor: 3,
      minInsyncReplicas: 2,
    });
    expect(specs.every((spec) => spec.replicationFactor === 3)).toBe(true);
    expect(specs.every((spec) => spec.minInsyncReplicas === 2)).toBe(true);
    expect(topicConfigEntries(specs[0])).toContainEqual({
      name: 'min.insync.replicas',
      value: '2',
    });
  });

  it('without a min.insync.replicas, leaves the rule of the replication factor', () => {
    const [spec] = withReplication(platformTopicSpecs({ minInsyncReplicas: 1 }), {
      replicationFactor: 3,
    });
    expect(spec.minInsyncReplicas).toBeUndefined();
    expect(topicConfigEntries(spec)).toContainEqual({ name: 'min.insync.replicas', value: '2' });
  });

  it('leaves the specs as they are when no replication is configured', () => {
    expect(withReplication(platformTopicSpecs(), undefined)).toEqual(platformTopicSpecs());
  });
});

describe(checkReplicationFits.name, () => {
  const specs = platformTopicSpecs({ replicationFactor: 3 });

  it('refuses a replication factor above the broker count in one message', () => {
    const check = () => checkReplicationFits(specs, 1);
    expect(check).toThrow(TopicProvisioningError);
    expect(check).toThrow(
      'replication factor 3 is more than the 1 broker(s) the cluster has now: start the missing brokers or set KAFKA_REPLICATION_FACTOR to at most 1',
    );
    expect(check).toThrow(Topics.saveLead);
    expect(check).toThrow(Topics.deliveriesDlq);
  });

  it('accepts as many brokers as replicas, or more', () => {
    expect(() => checkReplicationFits(specs, 3)).not.toThrow();
    expect(() => checkReplicationFits(specs, 5)).not.toThrow();
  });
});
