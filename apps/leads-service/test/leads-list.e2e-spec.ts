import {
  createTestDatabase,
  requireTestEnv,
  uniqueName,
  type TestDatabase,
} from '@leadhooks/testing';
import { apiClient, type ApiClient } from '@leadhooks/testing';
import { expectLead } from './support/fixtures';
import { startLeadsTestApp, type LeadsTestApp } from './support/leads-test-app';
import { LeadPage, type LeadPageView } from '../src/leads/lead.schemas';

describe('listing leads', () => {
  let database: TestDatabase;
  let service: LeadsTestApp;
  let listApi: ApiClient;

  beforeAll(async () => {
    database = await createTestDatabase('leads_list');
    service = await startLeadsTestApp({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
      KAFKA_NAMESPACE: uniqueName('leads_list'),
    });
    listApi = apiClient(service.baseUrl, (await service.createAccount('list')).key);
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
  });

  const emails = [
    'a1@alpha.test',
    'a2@alpha.test',
    'a3@ALPHA.test',
    'b1@beta.test',
    'c1@sub.alpha.test',
  ];

  beforeAll(async () => {
    for (const email of emails) expectLead(await listApi.post('/v1/leads', { email }), 201);
  });

  const page = async (query: string) => {
    const result = await listApi.get(`/v1/leads${query}`);
    expect(result.status).toBe(200);
    return LeadPage.parse(result.body);
  };

  it('lists newest first and pages through everything exactly once', async () => {
    const seen: LeadPageView['data'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const current: LeadPageView = await page(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(current.data.length).toBeLessThanOrEqual(2);
      seen.push(...current.data);
      cursor = current.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((lead) => lead.email).sort()).toEqual(
      emails.map((email) => email.toLowerCase()).sort(),
    );
    // Newest first; two leads created in the same millisecond may come in either order.
    const times = seen.map((lead) => Date.parse(lead.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by email, case-insensitively and exactly', async () => {
    expect((await page('?email=A2@Alpha.test')).data.map((l) => l.email)).toEqual([
      'a2@alpha.test',
    ]);
    expect((await page('?email=zz@alpha.test')).data).toEqual([]);
  });

  it('filters by the email domain, exactly (no subdomains)', async () => {
    const emailsAt = async (domain: string) =>
      (await page(`?domain=${domain}`)).data.map((l) => l.email).sort();
    expect(await emailsAt('Alpha.test')).toEqual([
      'a1@alpha.test',
      'a2@alpha.test',
      'a3@alpha.test',
    ]);
    expect(await emailsAt('sub.alpha.test')).toEqual(['c1@sub.alpha.test']);
    expect(await emailsAt('gamma.test')).toEqual([]);
  });

  it('combines a filter with paging', async () => {
    const first = await page('?domain=alpha.test&limit=2');
    expect(first.data).toHaveLength(2);
    const second = await page(`?domain=alpha.test&limit=2&cursor=${first.next_cursor}`);
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect([...first.data, ...second.data].map((l) => l.email).sort()).toEqual([
      'a1@alpha.test',
      'a2@alpha.test',
      'a3@alpha.test',
    ]);
  });
});
