import { WebhookHeaders } from '@leadhooks/contracts';
import {
  apiClient,
  createTestCertificates,
  createTestDatabase,
  installLoopbackGuard,
  probeGuard,
  startHttpsReceiver,
  testKafkaBrokers,
  uniqueName,
  waitFor,
  type ApiClient,
  type AppProcess,
  type LoopbackGuard,
  type Receiver,
  type RecordedRequest,
  type TestDatabase,
} from '@leadhooks/testing';
import { verify } from '@leadhooks/webhook-signing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDispatcherProcess } from './support/dispatcher-process';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import { startLookupTestApp, TestKafka, type LookupTestApp } from './support/lookup-test-app';

/** How long the slow receiver sleeps before answering; the API answer must not wait for it. */
const sleepMs = 6_000;

/** Every *.test name is this machine, where the author's page is served. */
const pageDns = async (hostname: string) => {
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
};

interface DeliveryView {
  status: string;
  attempts_log: { status_code: number | null }[];
}

/**
 * The whole webhook_url path with nothing stood in for: lookup-service answers and
 * publishes lookups.completed, the real dispatcher (its own process, as in production)
 * consumes it and POSTs the body, signed, to an HTTPS receiver on loopback. Both share one
 * database (the `auth` schema: one API key works on both) and one Kafka namespace.
 */
describe('webhook_url through the dispatcher to an HTTPS receiver', () => {
  const tls = createTestCertificates({ dns: ['blog.acme.test'], ips: ['127.0.0.1'] });
  const caDir = mkdtempSync(join(tmpdir(), 'lookup-dispatcher-ca-'));
  const caFile = join(caDir, 'ca.pem');
  /** The receiver's answers: webhook-id and HTTP status, in order. */
  const answers: { path: string; id: string; status: number }[] = [];
  let guard: LoopbackGuard;
  let database: TestDatabase;
  let dns: TestDnsServer;
  let site: Receiver;
  let receiver: Receiver;
  let kafka: TestKafka;
  let lookups: LookupTestApp;
  let dispatcher: AppProcess;
  let api: ApiClient;
  let dispatcherApi: ApiClient;
  let secret: string;

  beforeAll(async () => {
    // The in-process lookup-service (and this test) may only reach loopback.
    guard = installLoopbackGuard();
    await probeGuard(guard);
    writeFileSync(caFile, tls.ca);
    const namespace = uniqueName('lookup_dispatch');
    database = await createTestDatabase('lookup_dispatch');
    dns = await startTestDnsServer({
      'acme.test': { mx: [{ priority: 10, exchange: 'mx.acme.test' }] },
    });
    site = await startHttpsReceiver(tls, (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><head><meta name="author" content="Charles Babbage"></head></html>'),
    );
    receiver = await startHttpsReceiver(tls, (req, res) => {
      const path = new URL(req.url ?? '/', 'https://receiver').pathname;
      const id = String(req.headers[WebhookHeaders.id]);
      // /flaky fails the first attempt of each webhook-id; /slow takes its time to say yes.
      const status =
        path === '/flaky' && !answers.some((a) => a.id === id && a.path === path) ? 503 : 204;
      const answer = () => {
        answers.push({ path, id, status });
        res.writeHead(status).end();
      };
      if (path === '/slow') setTimeout(answer, sleepMs);
      else answer();
    });
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    const shared = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: namespace,
    };
    lookups = await startLookupTestApp(
      {
        ...shared,
        LOOKUP_DNS_SERVERS: dns.address,
        // The receiver and the page are on this machine, so both opt-outs of the outbound rules.
        LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        LOOKUP_FETCH_ALLOW_PRIVATE_ADDRESSES: 'true',
        LOOKUP_FETCH_CA_FILE: caFile,
      },
      { pageResolver: pageDns },
    );
    dispatcher = await startDispatcherProcess({
      ...shared,
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      WEBHOOK_RETRY_DELAYS: '200ms,400ms,800ms',
      DISPATCHER_RETRY_POLL_MS: '100',
      // The child trusts the test CA the way an operator would add a private CA.
      NODE_EXTRA_CA_CERTS: caFile,
    });
    const key = await lookups.createAccount('acme-sales');
    api = apiClient(lookups.baseUrl, key.key);
    dispatcherApi = apiClient(dispatcher.baseUrl, key.key);
    secret = ((await dispatcherApi.get('/v1/webhook-url/secret')).body as { secret: string })
      .secret;

    // The account knows two people at acme.test, so the directory lookups answer with them.
    await kafka.seedDirectory(api, key.accountId, [
      {
        email: 'alovelace@acme.test',
        first_name: 'Ada',
        last_name: 'Lovelace',
        phone: '+44 20 7946 0958',
      },
      { email: 'cbabbage@acme.test', first_name: 'Charles', last_name: 'Babbage' },
    ]);
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await kafka?.close();
    await lookups?.close();
    await receiver?.close();
    await site?.close();
    await dns?.close();
    await database?.drop();
    rmSync(caDir, { recursive: true, force: true });
    expect(guard.violations).toEqual([]);
    guard?.uninstall();
  });

  const requestsTo = (path: string) =>
    receiver.requests.filter((r) => new URL(r.url, 'https://receiver').pathname === path);
  const waitForRequest = (path: string) =>
    waitFor(`a delivery to ${path}`, () => requestsTo(path)[0], { timeoutMs: 60_000 }).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\ndispatcher wrote:\n${dispatcher.output()}`);
      },
    );
  /** The dispatcher's log of one delivery, once it has the status wanted. */
  const settled = (id: string, status: string) =>
    waitFor(
      `delivery ${id} ${status}`,
      async () => {
        const found = await dispatcherApi.get(`/v1/deliveries/${encodeURIComponent(id)}`);
        const view = found.body as DeliveryView;
        return found.status === 200 && view.status === status ? view : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  const expectSigned = (request: RecordedRequest) =>
    expect(verify({ headers: request.headers, body: request.body, secret })).toMatchObject({
      ok: true,
      id: request.headers[WebhookHeaders.id],
    });

  // Queries are made when the test runs: the page's port is known only then.
  const sixLookups: [string, () => Record<string, string>][] = [
    ['email-verifier', () => ({ email: 'ada@acme.test' })],
    ['email-finder', () => ({ domain: 'acme.test', full_name: 'Grace Hopper' })],
    ['domain-search', () => ({ domain: 'acme.test' })],
    ['author-finder', () => ({ url: site.url('/post', 'blog.acme.test') })],
    ['phone-finder', () => ({ domain: 'acme.test' })],
    ['phone-validator', () => ({ phone: '+44 20 7946 0958' })],
  ];

  it.each(sixLookups)(
    '%s: the receiver gets the very body the API answered, signed',
    async (endpoint, query) => {
      const path = `/hooks/${endpoint}`;
      const result = await api.get(`/v1/${endpoint}`, {
        query: { ...query(), webhook_url: receiver.url(`${path}?ref=${endpoint}`) },
      });
      expect(result.status).toBe(200);

      const request = await waitForRequest(path);
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(request.body.toString())).toEqual(result.body);
      expect(request.headers[WebhookHeaders.eventType]).toBe('lookup.completed');
      expectSigned(request);
      // The id the receiver de-duplicates by is the one the dispatcher's log keeps for it.
      const webhookId = String(request.headers[WebhookHeaders.id]);
      expect(webhookId).toMatch(/^msg_[a-z2-7]{26}$/);
      expect((await settled(webhookId, 'delivered')).attempts_log).toHaveLength(1);
    },
  );

  it('answers at once while the receiver sleeps on the delivery', async () => {
    const result = await api.get('/v1/phone-validator', {
      query: { phone: '+442079460958', webhook_url: receiver.url('/slow') },
    });
    expect(result.status).toBe(200);
    expect(result.elapsedMs).toBeLessThan(sleepMs / 3);

    const request = await waitForRequest('/slow');
    expect(JSON.parse(request.body.toString())).toEqual(result.body);
    expectSigned(request);
    // The receiver's answer came a whole sleep after the API's, and still counted.
    await settled(String(request.headers[WebhookHeaders.id]), 'delivered');
    expect(answers.filter((a) => a.path === '/slow')).toHaveLength(1);
  });

  it('retries a receiver that fails first, with the same webhook-id, and it arrives once', async () => {
    const result = await api.get('/v1/email-verifier', {
      query: { email: 'cbabbage@acme.test', webhook_url: receiver.url('/flaky') },
    });
    expect(result.status).toBe(200);

    const first = await waitForRequest('/flaky');
    const webhookId = String(first.headers[WebhookHeaders.id]);
    const delivered = await settled(webhookId, 'delivered');
    expect(delivered.attempts_log.map((a) => a.status_code)).toEqual([503, 204]);

    const attempts = requestsTo('/flaky');
    expect(attempts).toHaveLength(2);
    for (const attempt of attempts) {
      expect(attempt.headers[WebhookHeaders.id]).toBe(webhookId);
      expect(attempt.body.equals(first.body)).toBe(true);
      expectSigned(attempt);
    }
    expect(JSON.parse(first.body.toString())).toEqual(result.body);
    expect(answers.filter((a) => a.path === '/flaky' && a.status < 300)).toEqual([
      { path: '/flaky', id: webhookId, status: 204 },
    ]);
  });
});
