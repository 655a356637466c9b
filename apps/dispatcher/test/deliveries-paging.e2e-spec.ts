import {
  apiClient,
  createTestDatabase,
  testKafkaBrokers,
  uniqueName,
  type ApiClient,
  type HttpResult,
  type TestDatabase,
} from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import { startDispatcherTestApp, type DispatcherTestApp } from './support/dispatcher-test-app';

interface Page<T> {
  data: T[];
  next_cursor: string | null;
}
interface Delivery {
  id: string;
  webhook_id: string | null;
  event_type: string;
  event_id: string;
  status: string;
  created_at: string;
}
interface DeadLetter {
  delivery_id: string;
}

const base32 = 'abcdefghijklmnopqrstuvwxyz234567';
function deliveryId(): string {
  let id = 'msg_';
  for (let i = 0; i < 26; i++) id += base32[Math.floor(Math.random() * 32)];
  return id;
}

function expectStatus(result: HttpResult, status: number): HttpResult {
  if (result.status !== status)
    throw new Error(
      `expected HTTP ${status}, got ${result.status}: ${JSON.stringify(result.body)}`,
    );
  return result;
}

const statuses = ['pending', 'delivered', 'retrying', 'dead', 'cancelled'];
// Ten instants for 250 rows: most rows share their created_at with others, so a page
// boundary inside a tie is exercised many times (the id breaks the tie).
// Microseconds too: the cursor must keep them, or rows within one millisecond are lost.
const instant = (i: number) => `2026-01-01T00:00:0${i % 10}.123456Z`;

describe('delivery log paging and filters', () => {
  let database: TestDatabase;
  let service: DispatcherTestApp;
  let alice: ApiClient;
  let bob: ApiClient;
  const webhookA = randomUUID();
  const webhookB = randomUUID();
  const rows: {
    id: string;
    webhook: string;
    status: string;
    type: string;
    event: string;
    at: string;
  }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('dispatcher_paging');
    service = await startDispatcherTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_NAMESPACE: uniqueName('dispatcher-paging'),
      DISPATCHER_CONSUMERS: 'none',
    });
    const aliceKey = await service.createAccount('alice');
    alice = apiClient(service.baseUrl, aliceKey.key);
    bob = apiClient(service.baseUrl, (await service.createAccount('bob')).key);
    for (let i = 0; i < 250; i++)
      rows.push({
        id: deliveryId(),
        webhook: i % 2 === 0 ? webhookA : webhookB,
        status: statuses[i % statuses.length],
        type: i % 3 === 0 ? 'lookup.completed' : 'save_lead',
        event: `event-${i}`,
        at: instant(i),
      });
    for (const row of rows) {
      await service.dataSource.query(
        `INSERT INTO dispatcher.delivery (id, account_id, webhook_id, url, event_type, event_id, body, status, created_at, updated_at)
         VALUES ($1, $2, $3, 'https://hooks.example.test/', $4, $5, '{}', $6, $7, $7)`,
        [row.id, aliceKey.accountId, row.webhook, row.type, row.event, row.status, row.at],
      );
    }
    // 150 dead letters, sharing 10 instants the same way.
    for (const [i, row] of rows.slice(0, 150).entries())
      await service.dataSource.query(
        `INSERT INTO dispatcher.dead_letter (delivery_id, account_id, webhook_id, reason, message, dead_lettered_at)
         VALUES ($1, $2, $3, 'exhausted', '{}', $4)`,
        [row.id, aliceKey.accountId, row.webhook, instant(i)],
      );
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  async function pageThrough<T>(client: ApiClient, path: string): Promise<T[]> {
    const seen: T[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const separator = path.includes('?') ? '&' : '?';
      const url: string =
        cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`;
      const page = expectStatus(await client.get(url), 200).body as Page<T>;
      seen.push(...page.data);
      cursor = page.next_cursor;
      if (cursor === null) return seen;
    }
    throw new Error('paging did not end');
  }

  it('pages through 250 deliveries, newest first, each exactly once', async () => {
    const seen = await pageThrough<Delivery>(alice, '/v1/deliveries?limit=7');
    expect(seen).toHaveLength(250);
    expect(new Set(seen.map((d) => d.id)).size).toBe(250);
    const keys = seen.map((d) => [Date.parse(d.created_at), d.id] as const);
    for (let i = 1; i < keys.length; i++) {
      const [at, id] = keys[i];
      const [previousAt, previousId] = keys[i - 1];
      expect(at < previousAt || (at === previousAt && id < previousId)).toBe(true);
    }
  });

  it('pages through 150 dead letters exactly once', async () => {
    const seen = await pageThrough<DeadLetter>(alice, '/v1/dead-letters?limit=100');
    expect(seen).toHaveLength(150);
    expect(new Set(seen.map((d) => d.delivery_id)).size).toBe(150);
  });

  it('the default page is 50 with a cursor, the last page has next_cursor null', async () => {
    const first = expectStatus(await alice.get('/v1/deliveries'), 200).body as Page<Delivery>;
    expect(first.data).toHaveLength(50);
    expect(typeof first.next_cursor).toBe('string');
    const all = expectStatus(
      await alice.get('/v1/deliveries?webhook_id=' + webhookA + '&limit=100&status=pending'),
      200,
    ).body as Page<Delivery>;
    expect(all.next_cursor).toBeNull();
  });

  it.each([
    [
      'webhook_id',
      () => `webhook_id=${webhookB}`,
      (r: (typeof rows)[number]) => r.webhook === webhookB,
    ],
    ['status', () => 'status=dead', (r: (typeof rows)[number]) => r.status === 'dead'],
    [
      'event_type',
      () => 'event_type=lookup.completed',
      (r: (typeof rows)[number]) => r.type === 'lookup.completed',
    ],
    ['event_id', () => 'event_id=event-42', (r: (typeof rows)[number]) => r.event === 'event-42'],
    [
      'from and to',
      () => `from=${encodeURIComponent(instant(3))}&to=${encodeURIComponent(instant(6))}`,
      (r: (typeof rows)[number]) => r.at >= instant(3) && r.at < instant(6),
    ],
    [
      'status and webhook_id together',
      () => `status=delivered&webhook_id=${webhookA}`,
      (r: (typeof rows)[number]) => r.status === 'delivered' && r.webhook === webhookA,
    ],
  ])('filters by %s', async (_name, query, matches) => {
    const seen = await pageThrough<Delivery>(alice, `/v1/deliveries?limit=13&${query()}`);
    const expected = rows.filter(matches).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(seen.map((d) => d.id).sort()).toEqual([...expected].sort());
  });

  it('pages through 150 webhooks, oldest first, each exactly once; a bad cursor or limit is a 400', async () => {
    const created: string[] = [];
    for (let i = 0; i < 150; i++) {
      const answer = expectStatus(
        await alice.post('/v1/webhooks', { name: `hook ${i}`, url: 'https://hooks.example.test/' }),
        201,
      );
      created.push((answer.body as { id: string }).id);
    }
    const seen = await pageThrough<{ id: string }>(alice, '/v1/webhooks?limit=40');
    expect(seen.map((w) => w.id)).toEqual(created);
    const first = expectStatus(await alice.get('/v1/webhooks'), 200).body as Page<{ id: string }>;
    expect(first.data).toHaveLength(100);
    const deliveryCursor = (
      expectStatus(await alice.get('/v1/deliveries?limit=1'), 200).body as Page<Delivery>
    ).next_cursor;
    for (const [query, field] of [
      [`cursor=${deliveryCursor}`, 'cursor'],
      ['cursor=%00', 'cursor'],
      ['limit=101', 'limit'],
    ])
      expect(expectStatus(await alice.get(`/v1/webhooks?${query}`), 400).body).toMatchObject({
        field,
      });
  });

  it("another account's cursor walk sees none of these deliveries", async () => {
    expect(await pageThrough<Delivery>(bob, '/v1/deliveries')).toEqual([]);
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('["yesterday","msg_x"]').toString('base64url')}`, 'cursor'],
    [`cursor=${'a'.repeat(500)}`, 'cursor'],
    ['status=lost', 'status'],
    ['event_type=%20', 'event_type'],
    ['from=yesterday', 'from'],
    ['webhook_id=42', 'webhook_id'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    for (const path of ['/v1/deliveries', '/v1/dead-letters']) {
      if (path === '/v1/dead-letters' && ['status', 'event_type'].includes(field)) continue;
      const answer = expectStatus(await alice.get(`${path}?${query}`), 400);
      expect(answer.body).toMatchObject({ statusCode: 400, field });
    }
  });
});
