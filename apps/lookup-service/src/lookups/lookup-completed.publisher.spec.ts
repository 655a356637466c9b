import type { LookupCompleted } from '@leadhooks/contracts';
import { ApiException } from '@leadhooks/http';
import type { KafkaConnection } from '../kafka/kafka.providers';
import { LookupCompletedPublisher } from './lookup-completed.publisher';

const message: LookupCompleted = {
  requestId: 'req-1',
  accountId: 'acc-1',
  endpoint: 'email-verifier',
  webhookUrl: 'https://hooks.test/a',
  occurredAt: '2026-01-01T00:00:00.000Z',
  body: { email: 'a@b.test' },
};

function kafkaWith(send: () => Promise<unknown>): { connection: KafkaConnection; sent: unknown[] } {
  const sent: unknown[] = [];
  const producer = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    send: async (...args: unknown[]) => {
      sent.push(args);
      return send();
    },
  };
  const connection = {
    topics: async () => undefined,
    client: { createProducer: () => producer },
  } as unknown as KafkaConnection;
  return { connection, sent };
}

describe(LookupCompletedPublisher.name, () => {
  it('sends the record keyed by request id, with account and request headers', async () => {
    const { connection, sent } = kafkaWith(async () => []);
    const published: string[] = [];
    await new LookupCompletedPublisher(connection, 1_000, (endpoint) =>
      published.push(endpoint),
    ).publish(message);
    expect(published).toEqual(['email-verifier']);
    expect(sent).toEqual([
      [
        'lookups.completed',
        [
          {
            key: 'req-1',
            value: message,
            headers: { 'account-id': 'acc-1', 'request-id': 'req-1' },
          },
        ],
      ],
    ]);
  });

  it('answers 503 when Kafka does not acknowledge in time, instead of hanging the request', async () => {
    const { connection } = kafkaWith(() => new Promise(() => undefined));
    const started = Date.now();
    const failure = await new LookupCompletedPublisher(connection, 150)
      .publish(message)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiException);
    expect(failure).toMatchObject({ statusCode: 503, code: 'service_unavailable' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('answers 503 when Kafka refuses the record', async () => {
    const { connection } = kafkaWith(async () => Promise.reject(new Error('broker down')));
    const published: string[] = [];
    await expect(
      new LookupCompletedPublisher(connection, 1_000, (endpoint) =>
        published.push(endpoint),
      ).publish(message),
    ).rejects.toMatchObject({ statusCode: 503 });
    expect(published).toEqual([]); // not counted: nothing was queued
  });
});
