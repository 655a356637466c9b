import { readFileSync } from 'node:fs';
import * as https from 'node:https';
import { signatureHeaders } from '@leadhooks/webhook-signing';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import type { LimitLoopConfig } from './limit-loop.config';

/**
 * The limit: the least a delivery needs (consume, sign, POST with keep-alive, commit),
 * with nothing else (no database, no retry topics, no validation), so the dispatcher's
 * throughput can be read as a fraction of what this machine allows. Runs in a process of
 * its own, as the dispatcher does, so /proc counts its CPU alone.
 */
async function main(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_LIMIT_CONFIG ?? '{}') as LimitLoopConfig;
  const agent = new https.Agent({
    keepAlive: true,
    maxSockets: config.maxSockets,
    ca: readFileSync(config.caFile),
  });
  const url = new URL(config.url);
  const kafka = new Kafka({
    clientId: 'bench-limit',
    brokers: config.brokers,
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: config.groupId });
  await consumer.connect();
  await consumer.subscribe({ topic: config.topic, fromBeginning: true });
  process.once('SIGTERM', () => {
    void consumer.disconnect().finally(() => process.exit(0));
  });

  const deliver = async (message: KafkaMessage): Promise<void> => {
    const event = JSON.parse(message.value?.toString('utf8') ?? '{}') as {
      eventId: string;
      payload: unknown;
    };
    const body = JSON.stringify(event.payload);
    const headers = signatureHeaders({
      id: `msg_${event.eventId}`,
      timestamp: Math.floor(Date.now() / 1000),
      body,
      secrets: [config.secret],
    });
    const status = await post(agent, url, body, headers);
    if (status < 200 || status > 299) throw new Error(`receiver answered ${status}`);
  };

  await consumer.run({
    partitionsConsumedConcurrently: config.partitions,
    eachBatchAutoResolve: false,
    autoCommit: false,
    eachBatch: async ({ batch, heartbeat, resolveOffset }) => {
      await inParallel(batch.messages, config.inFlightPerPartition, deliver);
      const last = batch.messages[batch.messages.length - 1];
      if (!last) return;
      // Resolved too, not only committed: the next fetch starts after it either way.
      resolveOffset(last.offset);
      await consumer.commitOffsets([
        {
          topic: batch.topic,
          partition: batch.partition,
          offset: String(BigInt(last.offset) + 1n),
        },
      ]);
      await heartbeat();
    },
  });
}

function post(
  agent: https.Agent,
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.once('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.once('error', reject);
    request.end(body);
  });
}

/** Runs `work` over `items`, at most `limit` at once. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `limit loop failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
