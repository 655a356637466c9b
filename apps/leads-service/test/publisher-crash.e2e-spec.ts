import type { KafkaClient } from '@leadhooks/kafka';
import { createLogger } from '@leadhooks/http';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  type TestDatabase,
} from '@leadhooks/testing';
import { OutboxPublisher } from '../src/outbox/outbox.publisher';
import { PgOutboxStore, type OutboxStore } from '../src/outbox/outbox.store';
import { KafkaSaveLeadSink } from '../src/outbox/save-lead.sink';
import { EventCollector } from './support/event-collector';
import { expectLead, fullLead } from './support/fixtures';
import { apiClient } from '@leadhooks/testing';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';

class ProcessKilled extends Error {}

/**
 * The store of a publisher that dies right after Kafka acknowledged its batch and before
 * its transaction committed "sent": the transaction rolls back as it would when the
 * process is killed and its connection drops.
 */
function killedBeforeCommit(store: OutboxStore): OutboxStore {
  return {
    deleteSentBefore: (before) => store.deleteSentBefore(before),
    claim: async (limit) => {
      const batch = await store.claim(limit);
      return {
        ...batch,
        markSent: async () => {
          await batch.release();
          throw new ProcessKilled('killed between the Kafka acknowledgement and the commit');
        },
      };
    },
  };
}

describe('publisher killed between Kafka ack and commit', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let kafka: KafkaClient;
  let collector: EventCollector;

  beforeAll(async () => {
    const namespace = uniqueName('leads_crash');
    database = await createTestDatabase('leads_crash');
    kafka = await testKafkaClient(testKafkaBrokers(), namespace);
    collector = await EventCollector.start(kafka);
    // The app's own publisher is off: this spec drives publishers by hand.
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      OUTBOX_PUBLISHER_ENABLED: 'false',
    });
  });

  afterAll(async () => {
    await collector?.stop();
    await kafka?.shutdown();
    await service?.close();
    await database?.drop();
  });

  const publisher = (store: OutboxStore) =>
    new OutboxPublisher(
      store,
      new KafkaSaveLeadSink(service.kafka, false),
      createLogger({ name: 'test', level: 'silent' }),
      {
        batchSize: 100,
        pollIntervalMs: 1_000,
        sendTimeoutMs: 30_000,
        retentionMs: 3_600_000,
      },
    );
  const pending = async () =>
    (
      await service.dataSource.query(
        `SELECT count(*)::int AS n FROM leads.outbox WHERE sent_at IS NULL`,
      )
    )[0].n as number;

  it('publishes again after a restart, with the same event id', async () => {
    const api = apiClient(service.baseUrl, (await service.createAccount('crash')).key);
    const lead = expectLead(await api.post('/v1/leads', fullLead('crash@example.test')), 201);
    expectLead(await api.patch(`/v1/leads/${lead.id}`, { score: 3 }), 200);
    expect(await pending()).toBe(2);

    const store = new PgOutboxStore(service.dataSource, () => undefined);
    await expect(publisher(killedBeforeCommit(store)).drain()).rejects.toBeInstanceOf(
      ProcessKilled,
    );
    // Kafka has both events, the database still thinks they are pending.
    const firstRun = await collector.waitForLead(lead.id, 2);
    expect(await pending()).toBe(2);

    // "Restart": a fresh publisher over the same outbox.
    expect(await publisher(store).drain()).toEqual({ sent: 2, heldBack: false });
    expect(await pending()).toBe(0);

    const all = await collector.waitForLead(lead.id, 4);
    expect(all).toHaveLength(4);
    const ids = all.map((event) => event.value.eventId);
    expect(ids.slice(2)).toEqual(ids.slice(0, 2));
    expect(all.map((event) => event.value.aggregateVersion)).toEqual([1, 2, 1, 2]);
    // The duplicates are the same events, byte for byte in content.
    expect(all.slice(2).map((event) => event.value)).toEqual(firstRun.map((event) => event.value));
    expect(all.map((event) => event.headers['event-id'])).toEqual(ids);

    // Nothing more is pending: a third publisher finds nothing to send.
    expect(await publisher(store).drain()).toEqual({ sent: 0, heldBack: false });
  });
});
