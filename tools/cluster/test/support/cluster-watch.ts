import { Topics } from '@leadhooks/contracts';
import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * The partitions a lead crosses, and the group offsets topic: its partition's leader is
 * the consumer groups' coordinator, which moves with it.
 */
function watchedTopics(namespace: string): string[] {
  return [
    `${namespace}.${Topics.saveLead}`,
    `${namespace}.${Topics.deliveries}`,
    '__consumer_offsets',
  ];
}

const pollMs = 100;
const giveUpMs = 60_000;

/**
 * Resolves true once no watched partition is led by `nodeId`: the cluster has moved what
 * the dead node held (false if that took more than a minute). Its own client, asking only
 * the other nodes, so no retry against the dead one delays the reading.
 */
export async function leadersMoved(
  brokers: readonly string[],
  namespace: string,
  nodeId: number,
): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'broker-loss-watch',
    brokers: brokers.filter((_, index) => index + 1 !== nodeId),
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    return await pollUntil(admin, namespace, (partition) => partition.leader !== nodeId);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Resolves true once every watched partition has all its replicas in sync. */
export function replicasInSync(admin: Admin, namespace: string): Promise<boolean> {
  return pollUntil(admin, namespace, (p) => p.isr.length === p.replicas.length);
}

async function pollUntil(
  admin: Admin,
  namespace: string,
  holds: (partition: { leader: number; isr: number[]; replicas: number[] }) => boolean,
): Promise<boolean> {
  const deadline = Date.now() + giveUpMs;
  while (Date.now() < deadline) {
    const done = await admin.fetchTopicMetadata({ topics: watchedTopics(namespace) }).then(
      ({ topics }) => topics.every((topic) => topic.partitions.every(holds)),
      () => false,
    );
    if (done) return true;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  return false;
}
