import { parseArgs } from 'node:util';
import { ConfigError } from '@leadhooks/config';
import { KafkaClient, platformTopicSpecs } from '@leadhooks/kafka';
import { topicReportLines, topicsCreateConfig } from './topics-create.config';

const usage = `usage: npm run topics:create

Creates the platform's topics (libs/kafka's platformTopicSpecs) on KAFKA_BROKERS, with
KAFKA_REPLICATION_FACTOR replicas and KAFKA_MIN_INSYNC_REPLICAS (default 2 from three
replicas up), under KAFKA_NAMESPACE when set. Topics that exist are left as they are, so
it is safe to run again. Then run the services with KAFKA_ENSURE_TOPICS=false.`;

/**
 * The operator's way to provision a cluster before the services start (README, "Scaling
 * out"): the same provisioner the services run at boot, so the topic list and settings
 * cannot drift from what they would create themselves.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { help: { type: 'boolean' } }, strict: true });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const config = topicsCreateConfig(process.env);
  const client = new KafkaClient({
    brokers: config.KAFKA_BROKERS,
    clientId: config.KAFKA_CLIENT_ID,
    namespace: config.KAFKA_NAMESPACE,
    // kafkajs logs every metadata answer for a topic still being created as an error; what
    // fails is thrown and printed below, which is all an operator needs here.
    logLevel: 'nothing',
    topicReplication: {
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
    },
  });
  try {
    const cluster = await client.describeCluster();
    process.stderr.write(
      `topics: cluster ${cluster.clusterId}, ${cluster.brokerCount} broker(s) answering\n`,
    );
    const specs = platformTopicSpecs({
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      minInsyncReplicas: config.KAFKA_MIN_INSYNC_REPLICAS,
    });
    const result = await client.ensureTopics(specs);
    for (const line of topicReportLines(specs, result, (spec) => client.physicalTopic(spec.topic)))
      process.stdout.write(`${line}\n`);
    process.stderr.write(
      `topics: ${result.created.length} created, ${result.existing.length} already there\n`,
    );
  } finally {
    await client.shutdown();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    error instanceof ConfigError ? `${message}\n` : `topics:create failed: ${message}\n`,
  );
  process.exit(1);
});
