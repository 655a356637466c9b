import type { KafkaClient } from '@leadhooks/kafka';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@leadhooks/testing';
import { EventCollector, versionsByLead } from './support/event-collector';
import { expectLead } from './support/fixtures';
import { apiClient } from '@leadhooks/testing';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';
import { PrivateKafka } from './support/private-kafka';

// Two broker starts and a controlled stop, plus kafkajs's reconnect backoff (up to 30 s).
jest.setTimeout(300_000);

describe('Kafka down while leads are written', () => {
  const namespace = uniqueName('leads_outage');
  let broker: PrivateKafka;
  let database: TestDatabase;
  let service: LeadsTestApp;
  let kafka: KafkaClient | undefined;
  let collector: EventCollector | undefined;

  beforeAll(async () => {
    broker = await PrivateKafka.start();
    database = await createTestDatabase('leads_outage');
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: broker.brokers,
      KAFKA_NAMESPACE: namespace,
    });
  });

  afterAll(async () => {
    await collector?.stop();
    await kafka?.shutdown();
    await service?.close();
    await database?.drop();
    await broker?.destroy();
  });

  it('keeps answering, then delivers every event in order per lead once Kafka is back', async () => {
    const api = apiClient(service.baseUrl, (await service.createAccount('outage')).key);
    kafka = await testKafkaClient([broker.brokers], namespace);
    collector = await EventCollector.start(kafka);
    const a = expectLead(await api.post('/v1/leads', { email: 'a@outage.test' }), 201);
    await collector.waitForLead(a.id, 1);
    // The test's own consumer would only retry against a dead broker: stop it first.
    await collector.stop();
    await kafka.shutdown();
    collector = undefined;
    kafka = undefined;

    await broker.down();

    const b = expectLead(await api.post('/v1/leads', { email: 'b@outage.test' }), 201);
    expectLead(await api.patch(`/v1/leads/${a.id}`, { score: 10 }), 200);
    const c = expectLead(await api.post('/v1/leads', { email: 'c@outage.test', score: 3 }), 201);
    expectLead(await api.patch(`/v1/leads/${b.id}`, { company: 'B Inc' }), 200);
    expectLead(await api.patch(`/v1/leads/${a.id}`, { score: 20 }), 200);
    expectLead(await api.patch(`/v1/leads/${b.id}`, { company: null }), 200);
    // Reads work too, and readiness says degraded but stays 200 (the outbox holds the events).
    expect((await api.get(`/v1/leads/${c.id}`)).status).toBe(200);
    const ready = await apiClient(service.baseUrl).get('/health/ready');
    expect(ready).toMatchObject({
      status: 200,
      body: {
        status: 'degraded',
        checks: { postgres: { status: 'up' }, kafka: { status: 'down' } },
      },
    });
    const [{ pending }] = await service.dataSource.query(
      `SELECT count(*)::int AS pending FROM leads.outbox WHERE sent_at IS NULL`,
    );
    expect(pending).toBe(6);

    await broker.up();

    kafka = await testKafkaClient([broker.brokers], namespace);
    collector = await EventCollector.start(kafka);
    const running = collector;
    const expected = new Map([
      [a.id, [1, 2, 3]],
      [b.id, [1, 2, 3]],
      [c.id, [1]],
    ]);
    const versions = await waitFor(
      'every event written during the outage',
      () => {
        const byLead = versionsByLead(running.events);
        return [...expected].every(([id, want]) => (byLead.get(id)?.length ?? 0) >= want.length)
          ? byLead
          : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200 },
    );
    // In order per lead, none missing (duplicates, if any, share an event id and are dropped here).
    for (const [id, want] of expected) expect(versions.get(id)).toEqual(want);
    const lastOfB = running.forLead(b.id).at(-1);
    expect(lastOfB?.value.payload.data.company).toBeNull();
    await waitFor('the outbox to drain', async () => {
      const [{ left }] = await service.dataSource.query(
        `SELECT count(*)::int AS left FROM leads.outbox WHERE sent_at IS NULL`,
      );
      return left === 0 ? true : undefined;
    });
  });
});
