import { KafkaHeaders, leadFieldNames } from '@leadhooks/contracts';
import type { KafkaClient } from '@leadhooks/kafka';
import {
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type TestDatabase,
} from '@leadhooks/testing';
import { EventCollector } from './support/event-collector';
import { expectLead, fullLead } from './support/fixtures';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { startLeadsTestApp, testKafkaClient, type LeadsTestApp } from './support/leads-test-app';

describe('save_lead events', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let kafka: KafkaClient;
  let collector: EventCollector;
  let api: ApiClient;
  let accountId: string;

  beforeAll(async () => {
    const namespace = uniqueName('leads_events');
    database = await createTestDatabase('leads_events');
    kafka = await testKafkaClient(testKafkaBrokers(), namespace);
    collector = await EventCollector.start(kafka);
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    });
    const key = await service.createAccount('events');
    accountId = key.accountId;
    api = apiClient(service.baseUrl, key.key);
  });

  afterAll(async () => {
    await collector?.stop();
    await kafka?.shutdown();
    await service?.close();
    await database?.drop();
  });

  it('publishes one event per create and a higher version per update, exactly the seed payload', async () => {
    const requestId = uniqueName('req');
    const lead = expectLead(
      await api.post('/v1/leads', fullLead('ada@example.test'), {
        headers: { 'x-request-id': requestId },
      }),
      201,
    );
    const [created] = await collector.waitForLead(lead.id, 1);

    expect(created.key).toBe(lead.id);
    expect(created.headers).toEqual({
      [KafkaHeaders.eventType]: 'save_lead',
      [KafkaHeaders.eventId]: created.value.eventId,
      [KafkaHeaders.accountId]: accountId,
      [KafkaHeaders.requestId]: requestId,
    });
    const envelope = created.value;
    expect(envelope).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'save_lead',
      accountId,
      occurredAt: lead.created_at,
      aggregateId: lead.id,
      aggregateVersion: 1,
      payload: { data: fullLead('ada@example.test') },
    });
    // Exactly the seed's eleven fields, in its order, nothing else in the body.
    expect(Object.keys(envelope.payload)).toEqual(['data']);
    expect(Object.keys(envelope.payload.data)).toEqual(leadFieldNames);
    expect(Object.keys(envelope.payload.data)).toHaveLength(11);
    expect(Number.isInteger(envelope.payload.data.score)).toBe(true);

    const updated = expectLead(
      await api.patch(`/v1/leads/${lead.id}`, { score: 90, company: null }),
      200,
    );
    const events = await collector.waitForLead(lead.id, 2);
    // Same key, same partition, in order: a duplicate of the first would sit between them.
    expect(events.map((event) => event.value.aggregateVersion)).toEqual([1, 2]);
    const second = events[1].value;
    expect(second.eventId).not.toBe(created.value.eventId);
    expect(second.occurredAt).toBe(updated.updated_at);
    expect(second.payload.data).toEqual({
      ...fullLead('ada@example.test'),
      score: 90,
      company: null,
    });
  });

  it('publishes null for unset text fields and "" for an unset website', async () => {
    const lead = expectLead(await api.post('/v1/leads', { email: 'min@example.test' }), 201);
    const [event] = await collector.waitForLead(lead.id, 1);
    expect(event.value.payload.data).toEqual({
      email: 'min@example.test',
      website: '',
      company: null,
      first_name: null,
      last_name: null,
      phone: null,
      position: null,
      twitter: null,
      linkedin: null,
      notes: null,
      score: 0,
    });
  });

  it('publishes nothing for an update that changes nothing', async () => {
    const lead = expectLead(await api.post('/v1/leads', fullLead('noop@example.test')), 201);
    await collector.waitForLead(lead.id, 1);
    expectLead(await api.patch(`/v1/leads/${lead.id}`, { score: 87 }), 200);
    expectLead(await api.patch(`/v1/leads/${lead.id}`, { score: 88 }), 200);
    const events = await collector.waitForLead(lead.id, 2);
    // Had the no-op published, its event would have arrived before this one (same partition).
    expect(events.map((event) => event.value.aggregateVersion)).toEqual([1, 2]);
    expect(events[1].value.payload.data.score).toBe(88);
  });

  it('writes one lead and one event when concurrent creates race for an email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api.post('/v1/leads', { email: 'race@example.test' })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, ...Array(7).fill(409)]);
    const [winner] = answers
      .filter((answer) => answer.status === 201)
      .map((answer) => expectLead(answer, 201));
    const rows = await service.dataSource.query(
      `SELECT l.id, count(o.id)::int AS events FROM leads.lead l
         LEFT JOIN leads.outbox o ON o.aggregate_id = l.id
        WHERE l.email = 'race@example.test' GROUP BY l.id`,
    );
    expect(rows).toEqual([{ id: winner.id, events: 1 }]);
  });

  it('publishes nothing for a delete', async () => {
    const lead = expectLead(await api.post('/v1/leads', { email: 'deleted@example.test' }), 201);
    await collector.waitForLead(lead.id, 1);
    expect((await api.delete(`/v1/leads/${lead.id}`)).status).toBe(204);
    const rows = await service.dataSource.query(
      `SELECT count(*)::int AS n FROM leads.outbox WHERE aggregate_id = $1`,
      [lead.id],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('marks every published row sent', async () => {
    await waitFor('every outbox row sent', async () => {
      const [{ pending }] = await service.dataSource.query(
        `SELECT count(*)::int AS pending FROM leads.outbox WHERE sent_at IS NULL`,
      );
      return pending === 0 ? true : undefined;
    });
    expect(collector.invalid).toEqual([]);
  });
});
