import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Topics, WebhookHeaders, type SaveLeadEvent } from '@leadhooks/contracts';
import {
  apiClient,
  createTestDatabase,
  expectStatus,
  fullLead,
  requireTestEnv,
  startAppProcess,
  startHttpReceiver,
  uniqueName,
  waitFor,
  workspaceRoot,
  type AppProcess,
  type Receiver,
  type TestDatabase,
} from '@leadhooks/testing';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { Client } from 'pg';
import { ledgerOf, type ReceivedDelivery } from './support/ledger';
import { leadersMoved, replicasInSync } from './support/cluster-watch';
import { describePhases, longestGapAfter, type KillPhases } from './support/phases';
import { startThreeBrokers, type ThreeBrokers } from './support/three-brokers';

// Sized so that the whole file stays within about six minutes on a 2-core CI machine:
// three brokers (~40 s), 75 s of steady load with three kills, the drain, the clean-up.
const leadCount = 3_000;
/** On a slow machine broker restarts take longer: the load goes on until the last is back. */
const maxLeadCount = 6_000;
const leadsPerSecond = 40;
/** How long a killed broker stays down before `infra.sh up` brings it back. */
const downForMs = 8_000;
/** Issue 24: the longest delivery stall after a kill, with the brokers' default settings. */
const maxStallMs = 15_000;
/** What the clients may add once the cluster has moved the dead broker's leaders. */
const clientShareMs = 5_000;
/** Kill moments, ms into the load; each waits for the previous broker to be back first. */
const killAtMs = [10_000, 35_000, 58_000];

interface Kill {
  n: number;
  nodeId: number;
  atMs: number;
  why: string;
  backAtMs?: number;
  /** When the dead node led none of the watched partitions any more (see leadersMoved). */
  leadersMovedAtMs?: number;
  /** When every replica of the watched partitions was in sync again after the restart. */
  inSyncAtMs?: number;
}

/**
 * Issue 24's judge: the real leads-service and dispatcher on a three-broker cluster with
 * replicated topics (made by `npm run topics:create`, as README's "Scaling out" says),
 * thousands of leads at a steady rate through POST /v1/leads, and the leader of the busy
 * partitions killed with SIGKILL three times. Every lead that got a 201 must reach the
 * receiver; a lead delivered twice must carry the same webhook-id both times.
 */
describe('a broker dies under load: nothing accepted is lost', () => {
  let cluster: ThreeBrokers | undefined;
  let database: TestDatabase;
  let admin: Admin | undefined;
  let receiver: Receiver;
  const apps: AppProcess[] = [];
  const namespace = uniqueName('broker_loss');
  const received: ReceivedDelivery[] = [];
  let loadStartedAt = Number.POSITIVE_INFINITY;

  beforeAll(async () => {
    database = await createTestDatabase('broker_loss');
    cluster = await startThreeBrokers(requireTestEnv('DATABASE_URL'));
    const kafka = new Kafka({
      clientId: 'broker-loss-spec',
      brokers: cluster.brokers,
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
    receiver = await startHttpReceiver((req, res, body) => {
      const event = JSON.parse(body.toString()) as SaveLeadEvent['payload'];
      received.push({
        webhookId: String(req.headers[WebhookHeaders.id]),
        email: event.data.email ?? '',
        atMs: Date.now() - loadStartedAt,
      });
      res.writeHead(200).end();
    });
  }, 180_000);

  afterAll(async () => {
    for (const app of apps.reverse()) await app.stop();
    await admin?.disconnect();
    await receiver?.close();
    await cluster?.stop();
    await database?.drop();
  }, 120_000);

  const clusterEnv = () => ({
    KAFKA_BROKERS: started(cluster).brokers.join(','),
    KAFKA_NAMESPACE: namespace,
    KAFKA_REPLICATION_FACTOR: '3',
    KAFKA_MIN_INSYNC_REPLICAS: '2',
  });

  it('npm run topics:create makes every platform topic with 3 replicas and min.insync.replicas=2, idempotently', async () => {
    const first = await topicsCreate(clusterEnv());
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toHaveLength(Object.keys(Topics).length);
    expect(first.stdout).not.toContain(' exists ');
    const again = await topicsCreate(clusterEnv());
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain(' created ');

    const names = Object.values(Topics).map((topic) => `${namespace}.${topic}`);
    const { topics } = await started(admin).fetchTopicMetadata({ topics: names });
    for (const topic of topics)
      for (const partition of topic.partitions) expect(partition.replicas).toHaveLength(3);
    const configs = await started(admin).describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({ type: 2, name, configNames: ['min.insync.replicas'] })),
    });
    for (const resource of configs.resources)
      expect(resource.configEntries[0]).toMatchObject({ configValue: '2' });

    // More replicas than brokers: refused in one line, nothing created.
    const tooMany = await topicsCreate({
      ...clusterEnv(),
      KAFKA_NAMESPACE: `${namespace}_rf4`,
      KAFKA_REPLICATION_FACTOR: '4',
    });
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toContain('replication factor 4 is more than the 3 broker(s)');
  }, 120_000);

  it('delivers every lead that got a 201 through three leader kills', async () => {
    const env = {
      ...clusterEnv(),
      DATABASE_URL: database.url,
      // Topics come from topics:create, as on a real cluster.
      KAFKA_ENSURE_TOPICS: 'false',
    };
    apps.push(
      await startAppProcess({
        app: 'leads-service',
        portVariable: 'PORT',
        env: { ...env, OUTBOX_POLL_INTERVAL_MS: '500' },
        readyTimeoutMs: 120_000,
      }),
    );
    apps.push(
      await startAppProcess({
        app: 'dispatcher',
        portVariable: 'DISPATCHER_PORT',
        env: { ...env, WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true' },
        readyTimeoutMs: 120_000,
      }),
    );
    const [leads, dispatcher] = apps;
    const key = await createAccount(database.url);
    const webhook = expectStatus(
      await apiClient(dispatcher.baseUrl, key).post('/v1/webhooks', {
        name: 'broker-loss',
        url: receiver.url('/hook'),
      }),
      201,
    );
    expect(webhook.status).toBe(201);
    const api = apiClient(leads.baseUrl, key);

    const answers: { email: string; status: number; atMs: number }[] = [];
    let lastAcceptedAt = 0;
    const kills: Kill[] = [];
    loadStartedAt = Date.now();
    const elapsed = () => Date.now() - loadStartedAt;

    let killsDone = false;
    const load = (async () => {
      const pending: Promise<void>[] = [];
      for (let i = 0; i < maxLeadCount && (i < leadCount || !killsDone); i += 1) {
        const due = (i * 1000) / leadsPerSecond - elapsed();
        if (due > 0) await sleep(due);
        const email = `lead-${i}@broker-loss.test`;
        const sentAt = elapsed();
        pending.push(
          api.post('/v1/leads', fullLead(email)).then(
            (result) => {
              answers.push({ email, status: result.status, atMs: elapsed() });
              if (result.status === 201) lastAcceptedAt = Date.now();
            },
            // No answer within the client's 15 s: recorded when it was sent.
            () => void answers.push({ email, status: 0, atMs: sentAt }),
          ),
        );
      }
      await Promise.all(pending);
    })();

    const killer = (async () => {
      for (const [index, at] of killAtMs.entries()) {
        if (elapsed() < at) await sleep(at - elapsed());
        const target = await busiestLeader(started(admin), namespace);
        let why = `led ${target.partitions} of the ${target.total} partitions of leads.save_lead and webhooks.deliveries`;
        if (index === 1) {
          // Against a send in flight: leads-service's outbox relay is woken by the INSERT's
          // NOTIFY and sends within milliseconds of a 201, so kill right after a fresh one.
          const seen = lastAcceptedAt;
          const fresh = await waitFor(
            'a fresh 201',
            () => (lastAcceptedAt > seen ? true : undefined),
            { timeoutMs: 10_000, intervalMs: 1 },
          ).catch(() => false);
          why += fresh
            ? `, ${Date.now() - lastAcceptedAt} ms after a 201 (its outbox send in flight)`
            : ', no 201 for 10 s before it';
        }
        // Taken before: kill() returns once the JVM is gone, which under load takes a while.
        const kill: Kill = { n: index + 1, nodeId: target.nodeId, atMs: elapsed(), why };
        await started(cluster).kill(target.nodeId);
        kills.push(kill);
        void leadersMoved(started(cluster).brokers, namespace, target.nodeId).then(
          (moved) => (kill.leadersMovedAtMs = moved ? elapsed() : undefined),
        );
        await sleep(downForMs);
        await started(cluster).restart();
        kill.backAtMs = elapsed();
        // The next kill is of one broker of a whole cluster: killing another while the
        // one just back is not yet in every ISR leaves partitions with one replica in sync,
        // refusing writes (min.insync.replicas=2), and measures that instead.
        kill.inSyncAtMs = (await replicasInSync(started(admin), namespace)) ? elapsed() : undefined;
        process.stderr.write(
          `broker-loss: kill ${kill.n} of node ${kill.nodeId} at ${kill.atMs} ms, back at ${kill.backAtMs} ms, in sync at ${kill.inSyncAtMs} ms\n`,
        );
      }
    })().finally(() => (killsDone = true));

    // Settled, not all: a failed restart still gets its ledger printed before it is thrown.
    const [, killed] = await Promise.allSettled([load, killer]);
    const loadEndedMs = elapsed();
    const accepted = new Set(answers.filter((a) => a.status === 201).map((a) => a.email));
    await waitFor(
      'every accepted lead at the receiver',
      () => {
        const delivered = new Set(received.map((r) => r.email));
        return [...accepted].every((email) => delivered.has(email)) ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    ).catch(() => undefined); // the ledger below says what is missing

    const ledger = ledgerOf(answers, received);
    // Where the missing ones stopped: in the outbox, between it and the topic, or after.
    const outbox = await outboxCounts(database.url, loadStartedAt);
    const phases = kills.map((kill, i): KillPhases => {
      const until = kills[i + 1]?.atMs ?? Number.POSITIVE_INFINITY;
      return {
        killAtMs: kill.atMs,
        leadersMovedAtMs: kill.leadersMovedAtMs,
        outbox: longestGapAfter(outbox.sentAtMs, kill.atMs, until),
        deliveries: longestGapAfter(
          received.map((r) => r.atMs),
          kill.atMs,
          until,
        ),
      };
    });
    const records = await recordCounts(started(admin), namespace);
    process.stdout.write(
      [
        `broker-loss ledger (load started at epoch ms ${loadStartedAt}; 3 brokers, replication 3, min.insync.replicas 2, ${answers.length} leads at ${leadsPerSecond}/s, load ${(loadEndedMs / 1000).toFixed(1)} s, drained ${((elapsed() - loadEndedMs) / 1000).toFixed(1)} s later):`,
        `  POST /v1/leads: ${ledger.sent} sent, ${ledger.accepted} answered 201, others ${JSON.stringify(ledger.refused)}`,
        `  receiver: ${received.length} requests, ${ledger.deliveredLeads} leads delivered, ${ledger.missing.length} missing, ${ledger.duplicateRequests} duplicate requests, ${ledger.leadsWithSeveralIds.length} leads under more than one webhook-id, ${ledger.unknown} unknown`,
        ...(ledger.unanswered.count > 0
          ? [
              `  no answer within 15 s: ${ledger.unanswered.count} POSTs sent from ${(ledger.unanswered.firstAtMs / 1000).toFixed(1)} s to ${(ledger.unanswered.lastAtMs / 1000).toFixed(1)} s (${ledger.unanswered.delivered} of them were saved and delivered)`,
            ]
          : []),
        ...kills.map(
          (kill) =>
            `  kill ${kill.n}: SIGKILL node ${kill.nodeId} at ${(kill.atMs / 1000).toFixed(1)} s (${kill.why}); back at ${((kill.backAtMs ?? NaN) / 1000).toFixed(1)} s, in sync at ${((kill.inSyncAtMs ?? NaN) / 1000).toFixed(1)} s`,
        ),
        ...phases.map((p, i) => describePhases(i + 1, p)),
        `  longest delivery stall: ${(ledger.longestStall.ms / 1000).toFixed(1)} s from ${(ledger.longestStall.fromMs / 1000).toFixed(1)} s`,
        `  outbox: ${outbox.total} rows, ${outbox.unsent} not yet sent; records on leads.save_lead: ${records.saveLead}, on webhooks.deliveries: ${records.deliveries}`,
        // One webhook: each record on webhooks.deliveries is one request when nothing is
        // run twice; more requests are records a consumer ran again (an older committed
        // offset after a restart or rebalance, or a delivery retried).
        `  redelivered by the consumers: ${received.length - records.deliveries} requests beyond the records on webhooks.deliveries`,
        ...(ledger.missing.length > 0
          ? [`  missing: ${ledger.missing.slice(0, 20).join(' ')}`]
          : []),
        '',
      ].join('\n'),
    );

    if (ledger.missing.length > 0) {
      for (const app of apps)
        process.stdout.write(`--- last output of an app:\n${app.output().slice(-4_000)}\n`);
    }
    if (killed.status === 'rejected') throw killed.reason;
    expect(kills).toHaveLength(3);
    expect(kills.every((kill) => kill.atMs < loadEndedMs)).toBe(true);
    expect(ledger.accepted).toBeGreaterThan(answers.length * 0.9);
    // The API answered 201 or a 503 the client may retry; never an error of its own. A
    // request left without an answer (0) is counted and printed, not failed: on a starved
    // 2-core machine the client's 15 s can run out for reasons other than Kafka.
    expect(
      Object.keys(ledger.refused).filter((status) => status !== '503' && status !== '0'),
    ).toEqual([]);
    expect(ledger.unanswered.count).toBeLessThan(answers.length * 0.05);
    expect(ledger.missing).toEqual([]);
    expect(ledger.leadsWithSeveralIds).toEqual([]);
    expect(ledger.unknown).toBe(0);
    // Issue 24's target: the stall is what the cluster allows. Until it fences the dead
    // broker (broker.session.timeout.ms, 9 s) nothing moves; the clients then owe at most
    // a few seconds (decision 057): 15 s in all, unless the cluster itself took longer
    // than 10 s to move the leaders (a starved machine, a controller failover).
    const slowestMoveMs = Math.max(
      ...phases.map((p) => (p.leadersMovedAtMs ?? Number.POSITIVE_INFINITY) - p.killAtMs),
    );
    expect(ledger.longestStall.ms).toBeLessThanOrEqual(
      Math.max(maxStallMs, slowestMoveMs + clientShareMs),
    );
  }, 420_000);
});

/** What beforeAll set up; a clear failure when it did not get that far. */
function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('beforeAll did not finish starting the cluster');
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The node leading the most partitions of the two topics every lead crosses. */
async function busiestLeader(
  admin: Admin,
  namespace: string,
): Promise<{ nodeId: number; partitions: number; total: number }> {
  const { topics } = await admin.fetchTopicMetadata({
    topics: [`${namespace}.${Topics.saveLead}`, `${namespace}.${Topics.deliveries}`],
  });
  const led = new Map<number, number>();
  let total = 0;
  for (const topic of topics)
    for (const { leader } of topic.partitions) {
      total += 1;
      if (leader >= 0) led.set(leader, (led.get(leader) ?? 0) + 1);
    }
  const [nodeId, partitions] = [...led].sort((a, b) => b[1] - a[1])[0];
  return { nodeId, partitions, total };
}

async function outboxCounts(
  databaseUrl: string,
  loadStartedAt: number,
): Promise<{ total: number; unsent: number; sentAtMs: number[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ total: string; unsent: string }>(
      'SELECT count(*) AS total, count(*) FILTER (WHERE sent_at IS NULL) AS unsent FROM leads.outbox',
    );
    // sent_at is the time the batch was claimed, just before its send that succeeded.
    const sent = await client.query<{ at: string }>(
      'SELECT DISTINCT extract(epoch FROM sent_at) * 1000 AS at FROM leads.outbox WHERE sent_at IS NOT NULL',
    );
    return {
      total: Number(rows[0].total),
      unsent: Number(rows[0].unsent),
      sentAtMs: sent.rows.map((row) => Number(row.at) - loadStartedAt),
    };
  } finally {
    await client.end();
  }
}

/** High watermarks summed: the records each topic holds (no transactions, no compaction). */
async function recordCounts(
  admin: Admin,
  namespace: string,
): Promise<{ saveLead: number; deliveries: number }> {
  const count = async (topic: string) =>
    (await admin.fetchTopicOffsets(`${namespace}.${topic}`)).reduce(
      (sum, partition) => sum + Number(partition.high),
      0,
    );
  return { saveLead: await count(Topics.saveLead), deliveries: await count(Topics.deliveries) };
}

/** leads-service's own CLI (`npm run account:create`), so the spec imports no app code. */
async function createAccount(databaseUrl: string): Promise<string> {
  const out = await run(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/leads-service/src/cli/create-account.ts', '--name', 'loss'],
    {
      DATABASE_URL: databaseUrl,
      SWC_NODE_PROJECT: join(workspaceRoot, 'apps/leads-service/tsconfig.app.json'),
    },
  );
  const key = /^api_key=(.+)$/m.exec(out.stdout)?.[1];
  if (out.code !== 0 || !key) throw new Error(`account:create failed: ${out.stderr}`);
  return key;
}

function topicsCreate(env: Record<string, string>) {
  return run(process.execPath, ['-r', '@swc-node/register', 'tools/cluster/src/topics-create.ts'], {
    ...env,
    SWC_NODE_PROJECT: join(workspaceRoot, 'tools/cluster/tsconfig.app.json'),
  });
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: workspaceRoot,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
