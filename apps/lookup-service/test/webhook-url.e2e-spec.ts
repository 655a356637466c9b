import {
  apiClient,
  type ApiClient,
  createTestDatabase,
  installLoopbackGuard,
  type LoopbackGuard,
  probeGuard,
  requireTestEnv,
  startSilentTcpServer,
  type TestDatabase,
  testKafkaBrokers,
  uniqueName,
} from '@leadhooks/testing';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import { startLookupTestApp, TestKafka, type LookupTestApp } from './support/lookup-test-app';

// No DNS for pages in this file: author-finder answers "page failed", which is still a lookup result.
const noPageDns = {
  pageResolver: async () => Promise.reject(new Error('no page DNS in this test')),
};

const lookups: [string, Record<string, string>][] = [
  ['email-verifier', { email: 'ada@acme.test' }],
  ['email-finder', { domain: 'acme.test', full_name: 'Ada Lovelace' }],
  ['domain-search', { domain: 'acme.test' }],
  ['author-finder', { url: 'https://blog.acme.test/post' }],
  ['phone-finder', { domain: 'acme.test' }],
  ['phone-validator', { phone: '+44 20 7946 0958' }],
];

describe('webhook_url', () => {
  let guard: LoopbackGuard;
  let database: TestDatabase;
  let dns: TestDnsServer;
  let kafka: TestKafka;
  let service: LookupTestApp;
  let api: ApiClient;
  let accountId: string;

  beforeAll(async () => {
    // Bad webhook URLs name private addresses: nothing may ever connect to one.
    guard = installLoopbackGuard();
    await probeGuard(guard);
    const namespace = uniqueName('lookup_hook');
    database = await createTestDatabase('lookup_hook');
    dns = await startTestDnsServer({
      'acme.test': { mx: [{ priority: 10, exchange: 'mx.acme.test' }] },
    });
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    service = await startLookupTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: namespace,
        LOOKUP_DNS_SERVERS: dns.address,
      },
      noPageDns,
    );
    const key = await service.createAccount('hooks');
    accountId = key.accountId;
    api = apiClient(service.baseUrl, key.key);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await dns?.close();
    await database?.drop();
    expect(guard.violations).toEqual([]);
    guard?.uninstall();
  });

  it.each(lookups)(
    '%s publishes the very body it answered to lookups.completed',
    async (endpoint, query) => {
      const webhookUrl = `https://hooks.test/receive/${endpoint}?tag=a%20b`;
      const result = await api.get(`/v1/${endpoint}`, {
        query: { ...query, webhook_url: webhookUrl },
      });
      expect(result.status).toBe(200);
      const requestId = result.headers.get('x-request-id');
      expect(requestId).toEqual(expect.any(String));
      const record = await kafka.waitForCompleted(requestId ?? '');
      expect(record.value.body).toEqual(result.body);
      expect(record.value).toMatchObject({ requestId, accountId, endpoint, webhookUrl });
      expect(record.key).toBe(requestId);
      expect(record.headers).toMatchObject({ 'account-id': accountId, 'request-id': requestId });
    },
  );

  it('mints its own id even when the caller sends X-Request-Id, so a reused tracing id never merges two webhooks', async () => {
    const callerId = uniqueName('client-trace');
    const results = [
      await api.get('/v1/phone-validator', {
        query: { phone: '+33612345678', webhook_url: 'https://hooks.test/r' },
        headers: { 'x-request-id': callerId },
      }),
      await api.get('/v1/phone-validator', {
        query: { phone: '+33612345679', webhook_url: 'https://hooks.test/r' },
        headers: { 'x-request-id': callerId },
      }),
    ];
    const ids = results.map((r) => r.headers.get('x-request-id') ?? '');
    expect(new Set([...ids, callerId]).size).toBe(3);
    for (const [index, id] of ids.entries()) {
      expect((await kafka.waitForCompleted(id)).value.body).toEqual(results[index].body);
    }
  });

  it('publishes nothing without webhook_url', async () => {
    const result = await api.get('/v1/phone-validator', { query: { phone: '+33612345678' } });
    expect(result.status).toBe(200);
    const sentinel = await api.get('/v1/phone-validator', {
      query: {
        phone: '+33612345678',
        webhook_url: 'https://hooks.test/sentinel-1',
      },
    });
    await kafka.waitForCompleted(sentinel.headers.get('x-request-id') ?? '');
    expect(
      kafka.completed.find((r) => r.value.requestId === result.headers.get('x-request-id')),
    ).toBeUndefined();
  });

  const bad: [string, string][] = [
    ['http://', 'http://hooks.test/receive'],
    ['credentials', 'https://user:secret@hooks.test/receive'],
    ['a username only', 'https://user@hooks.test/receive'],
    ['too long', `https://hooks.test/${'a'.repeat(2100)}`],
    ['a private address', 'https://10.0.0.1/receive'],
    ['the metadata address', 'https://169.254.169.254/latest'],
    ['loopback', 'https://127.0.0.1:8443/receive'],
    ['IPv6 loopback', 'https://[::1]/receive'],
    ['localhost', 'https://localhost/receive'],
    ['IPv4-mapped private', 'https://[::ffff:192.168.0.1]/receive'],
    ['garbage', 'not a url at all'],
    ['a relative path', '/receive'],
    ['empty', ''],
    ['ftp', 'ftp://hooks.test/receive'],
    ['a newline inside', 'https://hooks.test/re\nceive'],
  ];

  it.each(bad)('400 naming webhook_url for %s, before any work', async (_name, webhookUrl) => {
    const queriesBefore = dns.queries.length;
    const result = await api.get('/v1/email-verifier', {
      query: {
        email: 'ada@acme.test',
        webhook_url: webhookUrl,
      },
    });
    expect(result).toMatchObject({
      status: 400,
      body: {
        statusCode: 400,
        code: 'validation_failed',
        field: 'webhook_url',
        message: expect.stringContaining('webhook_url'),
      },
    });
    // The MX look-up never ran.
    expect(dns.queries.length).toBe(queriesBefore);
  });

  it('400 for a repeated webhook_url, on every endpoint', async () => {
    for (const [endpoint, query] of lookups) {
      const url = new URL(`/v1/${endpoint}`, service.baseUrl);
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
      url.searchParams.append('webhook_url', 'https://hooks.test/a');
      url.searchParams.append('webhook_url', 'https://hooks.test/b');
      const result = await api.get(url.pathname + url.search);
      expect([endpoint, result.status, (result.body as { field?: string }).field]).toEqual([
        endpoint,
        400,
        'webhook_url',
      ]);
    }
  });

  it('published nothing for any refused webhook_url', async () => {
    for (const [endpoint, query] of lookups) {
      expect(
        (
          await api.get(`/v1/${endpoint}`, {
            query: { ...query, webhook_url: 'http://hooks.test/plain' },
          })
        ).status,
      ).toBe(400);
    }
    const sentinel = await api.get('/v1/phone-validator', {
      query: {
        phone: '+33612345678',
        webhook_url: 'https://hooks.test/sentinel-2',
      },
    });
    await kafka.waitForCompleted(sentinel.headers.get('x-request-id') ?? '');
    // Everything on the topic came from the successful calls above: six lookups, two with a caller's id, two sentinels.
    const urls = kafka.completed.map((r) => r.value.webhookUrl);
    expect(urls.filter((u) => !u.startsWith('https://hooks.test/'))).toEqual([]);
    expect(kafka.completed).toHaveLength(lookups.length + 4);
    expect(kafka.invalid).toEqual([]);
  });
});

describe('webhook_url with private addresses allowed (local development)', () => {
  let guard: LoopbackGuard;
  let database: TestDatabase;
  let kafka: TestKafka;
  let service: LookupTestApp;
  let api: ApiClient;

  beforeAll(async () => {
    guard = installLoopbackGuard();
    await probeGuard(guard);
    const namespace = uniqueName('lookup_hook_dev');
    database = await createTestDatabase('lookup_hook_dev');
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    service = await startLookupTestApp(
      {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: namespace,
        LOOKUP_WEBHOOK_ALLOW_HTTP: 'true',
        LOOKUP_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      },
      noPageDns,
    );
    api = apiClient(service.baseUrl, (await service.createAccount('dev')).key);
  });

  afterAll(async () => {
    await kafka?.close();
    await service?.close();
    await database?.drop();
    expect(guard.violations).toEqual([]);
    guard?.uninstall();
  });

  it('answers at once and never connects to the webhook itself: the dispatcher delivers', async () => {
    // Accepts connections and never answers: anything waiting on it would hang.
    const silent = await startSilentTcpServer();
    try {
      const webhookUrl = `http://127.0.0.1:${silent.port}/hook`;
      const result = await api.get('/v1/phone-validator', {
        query: {
          phone: '+442079460958',
          webhook_url: webhookUrl,
        },
      });
      expect(result.status).toBe(200);
      expect(result.elapsedMs).toBeLessThan(5_000);
      const record = await kafka.waitForCompleted(result.headers.get('x-request-id') ?? '');
      expect(record.value).toMatchObject({
        endpoint: 'phone-validator',
        webhookUrl,
        body: result.body,
      });
      expect(silent.connections()).toBe(0);
    } finally {
      await silent.close();
    }
  });

  it('still refuses what no opt-out allows', async () => {
    for (const webhookUrl of [
      'https://user:pw@127.0.0.1/hook',
      'ftp://127.0.0.1/hook',
      `https://h.test/${'a'.repeat(2100)}`,
    ]) {
      expect(
        (await api.get('/v1/phone-validator', { query: { phone: '+1', webhook_url: webhookUrl } }))
          .body,
      ).toMatchObject({ field: 'webhook_url' });
    }
  });
});
