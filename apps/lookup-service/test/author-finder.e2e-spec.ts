import {
  apiClient,
  type ApiClient,
  createTestCertificates,
  createTestDatabase,
  installLoopbackGuard,
  type LoopbackGuard,
  probeGuard,
  type Receiver,
  requireTestEnv,
  startHttpsReceiver,
  type TestDatabase,
  testKafkaBrokers,
  uniqueName,
} from '@leadhooks/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDnsServer, type TestDnsServer } from './support/dns-server';
import { startLookupTestApp, TestKafka, type LookupTestApp } from './support/lookup-test-app';

const html = (head: string, body = '') =>
  `<!doctype html><html><head><title>Post</title>${head}</head><body>${body}</body></html>`;

const pages: Record<string, { status?: number; headers?: Record<string, string>; body: string }> = {
  '/jsonld': {
    body: html(
      '<script type="application/ld+json">{"@type":"BlogPosting","author":{"@type":"Person","name":"Grace Hopper"}}</script>',
    ),
  },
  '/meta': { body: html('<meta name="author" content="Ada Lovelace">') },
  '/article-author': { body: html('<meta property="article:author" content="Alan Turing">') },
  '/byline': {
    body: html('', '<article><p class="byline">By Katherine Johnson</p><p>Text</p></article>'),
  },
  '/rel-author': { body: html('', '<a rel="author" href="/people/dr">Dennis Ritchie</a>') },
  '/single-name': { body: html('<meta name="author" content="Cher">') },
  '/none': { body: html('', '<p>Nobody signed this.</p>') },
  '/big': { body: html('<meta name="author" content="Barbara Liskov">', 'x'.repeat(300 * 1024)) },
  '/missing': { status: 404, body: 'not here' },
  '/moved': { status: 302, headers: { location: 'https://www.acme.test/meta' }, body: '' },
};

/** Every *.test name is this machine, where the pages are served; anything else has no address. */
const pageDns = async (hostname: string) => {
  if (hostname === 'inside.acme.test') return [{ address: '10.0.0.1', family: 4 }];
  if (hostname.endsWith('.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`no such host ${hostname}`), { code: 'ENOTFOUND' });
};

describe('author-finder', () => {
  let guard: LoopbackGuard;
  let tmp: string;
  let database: TestDatabase;
  let dns: TestDnsServer;
  let site: Receiver;
  let kafka: TestKafka;
  let service: LookupTestApp;
  let strict: LookupTestApp;
  let api: ApiClient;
  let strictApi: ApiClient;

  beforeAll(async () => {
    // Pages are served on loopback and one name resolves to 10.0.0.1: no packet may leave.
    guard = installLoopbackGuard();
    await probeGuard(guard);
    const certs = createTestCertificates({
      dns: ['www.acme.test', 'blog.acme.test'],
      ips: ['127.0.0.1'],
    });
    tmp = mkdtempSync(join(tmpdir(), 'lookup-author-'));
    writeFileSync(join(tmp, 'ca.pem'), certs.ca);
    site = await startHttpsReceiver(certs, (req, res) => {
      const page = pages[req.url ?? ''] ?? { status: 404, body: '' };
      res.writeHead(page.status ?? 200, {
        'content-type': 'text/html; charset=utf-8',
        ...page.headers,
      });
      res.end(page.body);
    });
    const namespace = uniqueName('lookup_author');
    database = await createTestDatabase('lookup_author');
    dns = await startTestDnsServer({
      'acme.test': { mx: [{ priority: 10, exchange: 'mx.acme.test' }] },
    });
    kafka = await TestKafka.start(testKafkaBrokers(), namespace);
    const env = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: namespace,
      LOOKUP_DNS_SERVERS: dns.address,
      LOOKUP_FETCH_CA_FILE: join(tmp, 'ca.pem'),
      LOOKUP_FETCH_MAX_BYTES: String(64 * 1024),
    };
    service = await startLookupTestApp(
      { ...env, LOOKUP_FETCH_ALLOW_PRIVATE_ADDRESSES: 'true' },
      { pageResolver: pageDns },
    );
    // The same service with the production rule: pages only at public addresses. No directory consumer: one is enough.
    strict = await startLookupTestApp(
      { ...env, DIRECTORY_CONSUMER_ENABLED: 'false' },
      { pageResolver: pageDns },
    );
    const key = await service.createAccount('authors');
    api = apiClient(service.baseUrl, key.key);
    strictApi = apiClient(strict.baseUrl, key.key);

    // The account knows two people at acme.test, both first-initial + last name.
    await kafka.seedDirectory(api, key.accountId, [
      { email: 'alovelace@acme.test', first_name: 'Ada', last_name: 'Lovelace' },
      { email: 'cbabbage@acme.test', first_name: 'Charles', last_name: 'Babbage' },
    ]);
  });

  afterAll(async () => {
    await kafka?.close();
    await strict?.close();
    await service?.close();
    await site?.close();
    await dns?.close();
    await database?.drop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    expect(guard.violations).toEqual([]);
    guard?.uninstall();
  });

  const url = (path: string, host = 'www.acme.test') => `https://${host}:${site.port}${path}`;

  it.each([
    [
      'JSON-LD',
      '/jsonld',
      {
        author: {
          name: 'Grace Hopper',
          first_name: 'Grace',
          last_name: 'Hopper',
          source: 'json-ld',
        },
        email: 'ghopper@acme.test',
        pattern: 'flast',
      },
    ],
    [
      'meta author, a person the account knows',
      '/meta',
      {
        author: { name: 'Ada Lovelace', source: 'meta' },
        email: 'alovelace@acme.test',
        pattern: 'known',
        score: 100,
      },
    ],
    [
      'article:author',
      '/article-author',
      { author: { name: 'Alan Turing', source: 'meta' }, email: 'aturing@acme.test' },
    ],
    [
      'a .byline',
      '/byline',
      { author: { name: 'Katherine Johnson', source: 'byline' }, email: 'kjohnson@acme.test' },
    ],
    [
      'rel=author',
      '/rel-author',
      { author: { name: 'Dennis Ritchie', source: 'byline' }, email: 'dritchie@acme.test' },
    ],
    [
      'a page larger than the cap, author in its head',
      '/big',
      { author: { name: 'Barbara Liskov' }, email: 'bliskov@acme.test' },
    ],
    [
      'a single-word author',
      '/single-name',
      { author: { name: 'Cher', first_name: null, last_name: null }, email: null, score: 0 },
    ],
    [
      'no author',
      '/none',
      { author: null, email: null, page: { status: 'fetched', http_status: 200, error: null } },
    ],
    [
      'a 404',
      '/missing',
      { author: null, page: { status: 'failed', http_status: 404, error: 'http-status' } },
    ],
    [
      'a redirect, not followed',
      '/moved',
      { author: null, page: { status: 'failed', http_status: 302 } },
    ],
  ])('%s', async (_name, path, expected) => {
    const result = await api.get('/v1/author-finder', { query: { url: url(path) } });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ url: url(path), domain: 'acme.test', ...expected });
  });

  it('scores a found author with the verification of the address', async () => {
    const result = await api.get('/v1/author-finder', { query: { url: url('/jsonld') } });
    expect(result.body).toMatchObject({
      verification: { status: 'valid', score: 90 },
      score: expect.any(Number),
    });
    expect((result.body as { score: number }).score).toBeGreaterThan(50);
  });

  it('reports a host that does not resolve as a failed page', async () => {
    const result = await api.get('/v1/author-finder', {
      query: { url: 'https://nowhere.invalid/post' },
    });
    expect(result.body).toMatchObject({ page: { status: 'failed', error: 'dns' }, author: null });
  });

  it.each([
    ['no url', {}, 'url'],
    ['garbage', { url: 'not a url' }, 'url'],
    ['http:// (pages are fetched over HTTPS only)', { url: 'http://www.acme.test/post' }, 'url'],
    ['credentials in the url', { url: 'https://u:p@www.acme.test/post' }, 'url'],
    ['a url over 2048 characters', { url: `https://www.acme.test/${'a'.repeat(2048)}` }, 'url'],
  ])('400 for %s', async (_name, query, field) => {
    expect(await api.get('/v1/author-finder', { query })).toMatchObject({
      status: 400,
      body: { code: 'validation_failed', field },
    });
  });

  it('with outbound safety on, refuses a private address at once and a name resolving inside at connect time', async () => {
    expect(
      await strictApi.get('/v1/author-finder', { query: { url: 'https://10.0.0.1/post' } }),
    ).toMatchObject({ status: 400, body: { field: 'url' } });
    expect(
      await strictApi.get('/v1/author-finder', { query: { url: url('/meta', '127.0.0.1') } }),
    ).toMatchObject({ status: 400, body: { field: 'url' } });
    const inside = await strictApi.get('/v1/author-finder', {
      query: {
        url: 'https://inside.acme.test/post',
      },
    });
    expect(inside.body).toMatchObject({
      page: { status: 'failed', error: 'refused-address' },
      author: null,
    });
    const loopbackName = await strictApi.get('/v1/author-finder', { query: { url: url('/meta') } });
    expect(loopbackName.body).toMatchObject({
      page: { status: 'failed', error: 'refused-address' },
    });
  });
});
