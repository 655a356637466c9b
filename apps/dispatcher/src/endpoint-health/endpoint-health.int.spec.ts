import { runMigrations } from '@leadhooks/persistence';
import { createTestDatabase, type TestDatabase } from '@leadhooks/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dispatcherDataSourceOptions } from '../database/database';
import { endpointHealthSql, EndpointHealthQueries } from './endpoint-health.queries';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

/**
 * The health query stays cheap in a large log: it reads one webhook's last day through
 * the indexes, never a whole table. 200 webhooks' 2 days (20,000 deliveries, 40,000
 * attempts) are enough for the planner to prefer the indexes when it can use them.
 */
describe(`${EndpointHealthQueries.name} (Postgres)`, () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const accountId = randomUUID();
  const webhookIds = Array.from({ length: 200 }, () => randomUUID());

  beforeAll(async () => {
    database = await createTestDatabase('endpoint_health');
    dataSource = new DataSource(
      dispatcherDataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }),
    );
    await dataSource.initialize();
    await runMigrations(dataSource);
    await dataSource.query(
      `INSERT INTO dispatcher.webhook (id, account_id, name, url, method, enabled, events, secret, created_at, updated_at)
       SELECT id, $1, 'hook ' || n, 'https://hooks.example.test/', 'POST', true, '{save_lead}', 'whsec_x', now(), now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [accountId, webhookIds],
    );
    await dataSource.query(
      `INSERT INTO dispatcher.delivery (id, account_id, webhook_id, event_type, event_id, body, status, attempts, created_at, updated_at)
       SELECT 'msg_' || lpad(n::text, 26, '0'), $1, ($2::uuid[])[1 + n % 200], 'save_lead', 'e' || n, '{}',
              'delivered', 2, now() - n * interval '8 seconds', now()
         FROM generate_series(1, 20000) AS n`,
      [accountId, webhookIds],
    );
    await dataSource.query(
      `INSERT INTO dispatcher.attempt (delivery_id, attempt_number, url, status_code, duration_ms, started_at, finished_at)
       SELECT id, k, 'https://hooks.example.test/', CASE k WHEN 1 THEN 500 ELSE 200 END, 10 * k, created_at, created_at
         FROM dispatcher.delivery CROSS JOIN generate_series(1, 2) AS k`,
    );
    await dataSource.query(`ANALYZE dispatcher.delivery`);
    await dataSource.query(`ANALYZE dispatcher.attempt`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('reads the webhook’s deliveries and their attempts by index only', async () => {
    const [{ 'QUERY PLAN': plan }] = (await dataSource.query(
      `EXPLAIN (FORMAT JSON) ${endpointHealthSql}`,
      [accountId, webhookIds[7], new Date()],
    )) as { 'QUERY PLAN': { Plan: PlanNode }[] }[];
    const nodes = nodesOf(plan[0].Plan);
    const scans = nodes
      // A bitmap heap scan names the table, its bitmap index scan child the index.
      .filter((node) => node['Relation Name'] !== undefined || node['Index Name'] !== undefined)
      .map(
        (node) => `${node['Node Type']} ${node['Relation Name'] ?? ''} ${node['Index Name'] ?? ''}`,
      );
    expect(scans.filter((scan) => scan.startsWith('Seq Scan'))).toEqual([]);
    expect(scans.join('\n')).toContain('delivery_webhook_created_idx');
    expect(scans.join('\n')).toContain('attempt_delivery_idx');
  });

  it('counts only that webhook’s last day', async () => {
    const health = await new EndpointHealthQueries(dataSource).health(accountId, webhookIds[7]);
    // One delivery every 8 s over 200 webhooks: each webhook gets one every 1,600 s.
    expect(health?.last_day.deliveries).toBeGreaterThanOrEqual(Math.floor(86_400 / 1_600));
    expect(health?.last_day.deliveries).toBeLessThanOrEqual(Math.ceil(86_400 / 1_600));
    expect(health?.last_day.attempts).toBe(2 * (health?.last_day.deliveries ?? 0));
    expect(health?.last_day.failed_attempts).toBe(health?.last_day.deliveries);
    expect(health?.last_day.success_rate).toBe(1);
  });
});
