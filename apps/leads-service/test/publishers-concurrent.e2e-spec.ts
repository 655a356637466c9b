import { createLogger } from '@leadhooks/http';
import type { KafkaClient } from '@leadhooks/kafka';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@leadhooks/testing';
import { EventCollector, versionsByLead } from './support/event-collector';
import { expectLead } from './support/fixtures';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';
import { OutboxPublisher } from '../src/outbox/outbox.publisher';
import { PgOutboxStore } from '../src/outbox/outbox.store';
import { KafkaSaveLeadSink, type EventSink } from '../src/outbox/save-lead.sink';

const instances = 2;
const publishers = 3;
const leads = 6;
const updatesPerLead = 15;

/**
 * A sink that takes a random 0-40 ms before each send, as a slow network would. Without
 * it the publishers rarely overlap enough to overtake one another, and the ordering
 * guard would go untested.
 */
function jittered(sink: EventSink): EventSink {
  return {
    connect: () => sink.connect(),
    reset: () => sink.reset(),
    send: async (events) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
      await sink.send(events);
    },
  };
}

describe('several publishers on one outbox', () => {
  let database: TestDatabase;
  const services: LeadsTestApp[] = [];
  const running: OutboxPublisher[] = [];
  let kafka: KafkaClient;
  let collector: EventCollector;

  beforeAll(async () => {
    const namespace = uniqueName('leads_multi');
    database = await createTestDatabase('leads_multi');
    kafka = await testKafkaClient(testKafkaBrokers(), namespace);
    collector = await EventCollector.start(kafka);
    for (let i = 0; i < instances; i++) {
      services.push(
        await startLeadsTestApp({
          DATABASE_URL: database.url,
          KAFKA_BROKERS: testKafkaBrokers().join(','),
          KAFKA_NAMESPACE: namespace,
          // The instances only write here; the publishers below are started by hand.
          OUTBOX_PUBLISHER_ENABLED: 'false',
        }),
      );
    }
    for (let i = 0; i < publishers; i++) {
      const service = services[i % services.length];
      const publisher = new OutboxPublisher(
        new PgOutboxStore(service.dataSource, () => undefined),
        jittered(new KafkaSaveLeadSink(service.kafka, false)),
        createLogger({ name: `publisher-${i}`, level: 'silent' }),
        // Small batches and a short poll make the publishers' claims interleave all the more.
        { batchSize: 3, pollIntervalMs: 10, sendTimeoutMs: 30_000, retentionMs: 3_600_000 },
      );
      publisher.start();
      running.push(publisher);
    }
  });

  afterAll(async () => {
    for (const publisher of running) await publisher.stop();
    await collector?.stop();
    await kafka?.shutdown();
    for (const service of services) await service.close();
    await database?.drop();
  });

  it("keeps each lead's events in order, whichever instance wrote or sent them", async () => {
    const key = (await services[0].createAccount('multi')).key;
    const clients: ApiClient[] = services.map((service) => apiClient(service.baseUrl, key));
    const pick = (n: number) => clients[n % clients.length];

    // Each lead is written through a rotation of instances; the leads go in parallel.
    const ids = await Promise.all(
      Array.from({ length: leads }, async (_, leadIndex) => {
        const lead = expectLead(
          await pick(leadIndex).post('/v1/leads', { email: `m${leadIndex}@example.test` }),
          201,
        );
        for (let update = 1; update <= updatesPerLead; update++) {
          expectLead(
            await pick(leadIndex + update).patch(`/v1/leads/${lead.id}`, { score: update }),
            200,
          );
        }
        return lead.id;
      }),
    );

    const expected = Array.from({ length: updatesPerLead + 1 }, (_, i) => i + 1);
    const versions = await waitFor(
      'every version of every lead on the topic',
      () => {
        const byLead = versionsByLead(collector.events);
        return ids.every((id) => (byLead.get(id)?.length ?? 0) >= expected.length)
          ? byLead
          : undefined;
      },
      { timeoutMs: 30_000 },
    );
    for (const id of ids) expect(versions.get(id)).toEqual(expected);
    const [{ pending }] = await services[0].dataSource.query(
      `SELECT count(*)::int AS pending FROM leads.outbox WHERE sent_at IS NULL`,
    );
    expect(pending).toBe(0);
  });
});
