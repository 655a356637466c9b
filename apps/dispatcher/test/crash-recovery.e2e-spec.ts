import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountsService } from '@leadhooks/auth';
import { WebhookHeaders, type SaveLeadEvent } from '@leadhooks/contracts';
import {
  createTestCertificates,
  createTestDatabase,
  freePort,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { DataSource } from 'typeorm';
import { dispatcherDataSourceOptions } from '../src/database/database';
import { deliveryIdFor, destinationKey } from '../src/fanout/delivery-id';
import { DispatcherProcess } from './support/dispatcher-process';
import { apiClient } from '@leadhooks/testing';
import { saveLeadEvent, UpstreamEvents } from './support/kafka-fixtures';
import { createWebhook } from './support/webhooks-api';

const eventCount = 1_000;
/** Every tenth event always fails at the flaky endpoint: those deliveries must end dead-lettered. */
const doomed = (email: string) => Number(/^crash-(\d+)@/.exec(email)?.[1]) % 10 === 0;

describe('kill -9 in the middle of thousands of deliveries', () => {
  const tls = createTestCertificates();
  const caDir = mkdtempSync(join(tmpdir(), 'dispatcher-ca-'));
  let database: TestDatabase;
  let dataSource: DataSource;
  let upstream: UpstreamEvents;
  let receiver: Receiver;
  let dispatcher: DispatcherProcess | undefined;
  let env: Record<string, string>;
  /** webhook-id -> HTTP status answered, for every request received. */
  const answered: { id: string; status: number; body: string }[] = [];

  beforeAll(async () => {
    const namespace = uniqueName('dispatcher-crash');
    database = await createTestDatabase('dispatcher_crash');
    upstream = await UpstreamEvents.start(testKafkaBrokers(), namespace);
    receiver = await startHttpsReceiver(tls, (req, res, body) => {
      const email = (JSON.parse(body.toString()) as SaveLeadEvent['payload']).data.email;
      const status = req.url === '/flaky' && doomed(email) ? 500 : 200;
      answered.push({ id: String(req.headers[WebhookHeaders.id]), status, body: body.toString() });
      res.writeHead(status).end();
    });
    const caFile = join(caDir, 'ca.pem');
    writeFileSync(caFile, tls.ca);
    env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_RETRY_DELAYS: '100ms,200ms,400ms',
      DISPATCHER_RETRY_POLL_MS: '100',
      // The killed member's partitions move to the new one after this.
      KAFKA_SESSION_TIMEOUT_MS: '8000',
      // The child trusts the test CA the way an operator would add a private CA.
      NODE_EXTRA_CA_CERTS: caFile,
    };
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await upstream?.close();
    await receiver?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
    rmSync(caDir, { recursive: true, force: true });
  });

  it('delivers or dead-letters every delivery after a restart; duplicates share their webhook-id', async () => {
    const port = await freePort();
    dispatcher = await DispatcherProcess.start(env, port);
    dataSource = await new DataSource(
      dispatcherDataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }),
    ).initialize();
    const key = (await new AccountsService(dataSource).createAccountWithKey('crash')).apiKey;
    const api = apiClient(dispatcher.baseUrl, key.key);
    const steady = await createWebhook(api, { name: 'steady', url: receiver.url('/steady') });
    const flaky = await createWebhook(api, { name: 'flaky', url: receiver.url('/flaky') });

    const events = Array.from({ length: eventCount }, (_, i) =>
      saveLeadEvent(key.accountId, `crash-${i}@example.test`),
    );
    for (let i = 0; i < events.length; i += 100)
      await upstream.saveLead(...events.slice(i, i + 100));
    const expectedDelivered = new Set<string>();
    const expectedDead = new Set<string>();
    for (const event of events) {
      expectedDelivered.add(deliveryIdFor(event.eventId, destinationKey.webhook(steady.id)));
      const flakyId = deliveryIdFor(event.eventId, destinationKey.webhook(flaky.id));
      (doomed(event.payload.data.email) ? expectedDead : expectedDelivered).add(flakyId);
    }

    await waitFor('a third of the deliveries', () => (answered.length >= 600 ? true : undefined), {
      timeoutMs: 60_000,
      intervalMs: 10,
    });
    await dispatcher.kill();
    const atKill = answered.length;
    dispatcher = await DispatcherProcess.start(env, port);

    const deadInDb = async () =>
      new Set(
        (
          (await dataSource.query(`SELECT delivery_id FROM dispatcher.dead_letter`)) as {
            delivery_id: string;
          }[]
        ).map((row) => row.delivery_id),
      );
    await waitFor(
      'every delivery to have an outcome',
      async () => {
        const delivered = new Set(answered.filter((a) => a.status === 200).map((a) => a.id));
        const dead = await deadInDb();
        const missing =
          [...expectedDelivered].filter((id) => !delivered.has(id)).length +
          [...expectedDead].filter((id) => !dead.has(id)).length;
        return missing === 0 ? true : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );

    // Nothing unknown arrived, and every duplicate carried the same id and the same bytes.
    const expected = new Set([...expectedDelivered, ...expectedDead]);
    expect(answered.filter((a) => !expected.has(a.id))).toEqual([]);
    const bodies = new Map<string, string>();
    for (const { id, body } of answered) {
      expect(bodies.get(id) ?? body).toBe(body);
      bodies.set(id, body);
    }
    expect(await deadInDb()).toEqual(expectedDead);
    // The kill happened mid-run (not before the first or after the last delivery).
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(expectedDelivered.size);
    const duplicates = answered.filter((a) => a.status === 200).length - expectedDelivered.size;
    process.stdout.write(
      `crash-recovery: ${answered.length} requests, ${atKill} before the kill, ${duplicates} duplicate deliveries\n`,
    );
  }, 240_000);
});
