import { Topics, WebhookHeaders } from '@leadhooks/contracts';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook } from './support/webhooks-api';

const eventCount = 30;

/**
 * DISPATCHER_CONSUMERS splits the dispatcher by role (decision 051): a fan-out process
 * only plans deliveries onto webhooks.deliveries, a delivery process only sends them and
 * their retries. Together they deliver everything, retries included.
 */
describe('a dispatcher split by role', () => {
  const tls = createTestCertificates();
  let database: TestDatabase;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let fanout: DispatcherTestApp;
  let delivery: DispatcherTestApp | undefined;
  let env: Record<string, string>;
  const failedOnce = new Set<string>();
  const succeeded = new Set<string>();

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-roles');
    database = await createTestDatabase('dispatcher_roles');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    // Every third delivery fails its first attempt, so the retry consumer has work too.
    receiver = await startHttpsReceiver(tls, (req, res, body) => {
      const id = String(req.headers[WebhookHeaders.id]);
      const lead = /roles-(\d+)@/.exec(body.toString('utf8'))?.[1];
      if (Number(lead) % 3 === 0 && !failedOnce.has(id)) {
        failedOnce.add(id);
        res.writeHead(503).end();
        return;
      }
      succeeded.add(id);
      res.writeHead(200).end();
    });
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_RETRY_DELAYS: '200ms,400ms,800ms',
      WEBHOOK_RETRY_JITTER_RATIO: '0',
      DISPATCHER_RETRY_POLL_MS: '100',
    };
    fanout = await startDispatcherTestApp(
      { ...env, DISPATCHER_CONSUMERS: 'fanout', KAFKA_CLIENT_ID: 'dispatcher-fanout' },
      { ca: tls.ca },
    );
  });

  afterAll(async () => {
    await upstream?.close();
    await delivery?.close();
    await fanout?.close();
    await receiver?.close();
    await database?.drop();
  });

  it('plans in the fan-out process and sends from the delivery process', async () => {
    const key = await fanout.createAccount('roles');
    await createWebhook(apiClient(fanout.baseUrl, key.key), {
      name: 'roles',
      url: receiver.url('/roles'),
    });
    const planned = await upstream.collect(Topics.deliveries);
    await upstream.saveLead(
      ...Array.from({ length: eventCount }, (_, i) =>
        saveLeadEvent(key.accountId, `roles-${i}@example.test`),
      ),
    );

    // Fan-out alone puts every delivery on the topic and sends none of them.
    await waitFor('every delivery planned', () =>
      planned.messages.length >= eventCount ? true : undefined,
    );
    await planned.consumer.stop();
    expect(receiver.requests).toHaveLength(0);

    delivery = await startDispatcherTestApp(
      {
        ...env,
        DISPATCHER_CONSUMERS: 'deliveries,retries',
        KAFKA_CLIENT_ID: 'dispatcher-delivery',
      },
      { ca: tls.ca },
    );
    await waitFor('every delivery, retries included', () =>
      succeeded.size >= eventCount ? true : undefined,
    );
    expect([...succeeded].sort()).toEqual(
      planned.messages.map((message) => message.deliveryId).sort(),
    );
    expect(failedOnce.size).toBe(10);
  }, 90_000);
});
