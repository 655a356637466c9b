import { authEntities, AccountsService } from '@leadhooks/auth';
import {
  apiClient,
  closedLoopbackPort,
  createTestDatabase,
  fullLead,
  installLoopbackGuard,
  probeGuard,
  requireTestEnv,
  startAppProcess,
  uniqueName,
  type AppProcess,
  type LoopbackGuard,
  type TestDatabase,
} from '@leadhooks/testing';
import * as http from 'node:http';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { type RunningGateway, startGateway } from './support/gateway';
import { rawRequest, startBystander } from './support/raw-http';

/**
 * How long the keep-alive spec holds 400 req/s. The issue asks for a minute; 20 s (8,000
 * requests, four times the gateway's upstream idle timeout of a bystanding socket… and
 * many times the 5 s Node default that caused the resets) is what the suite can afford on
 * a shared 2-core machine. LEADHOOKS_KEEPALIVE_SECONDS=60 runs the full minute.
 */
const loadSeconds = Number(process.env.LEADHOOKS_KEEPALIVE_SECONDS ?? 20);
const loadPerSecond = 400;

jest.setTimeout(120_000 + loadSeconds * 2_000);

/**
 * The gateway as an attacker meets it: in this process, under the loopback guard, in
 * front of the real leads-service (its own process, with Postgres and Kafka), with a
 * bystander listener on another loopback port standing for every internal address.
 */
describe('the public edge', () => {
  const logLines: Record<string, unknown>[] = [];
  let guard: LoopbackGuard;
  let database: TestDatabase;
  let leads: AppProcess;
  let bystander: Awaited<ReturnType<typeof startBystander>>;
  let gateway: RunningGateway;
  let keyA: string;
  let keyB: string;

  beforeAll(async () => {
    guard = installLoopbackGuard();
    await probeGuard(guard);
    database = await createTestDatabase('gateway_edge');
    leads = await startAppProcess({
      app: 'leads-service',
      portVariable: 'PORT',
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('gateway_edge'),
        OUTBOX_POLL_INTERVAL_MS: '500',
      },
      readyPath: '/health/live',
    });
    const dataSource = await new DataSource({
      type: 'postgres',
      url: database.url,
      entities: authEntities,
    }).initialize();
    try {
      const accounts = new AccountsService(dataSource);
      keyA = (await accounts.createAccountWithKey('edge-a')).apiKey.key;
      keyB = (await accounts.createAccountWithKey('edge-b')).apiKey.key;
    } finally {
      await dataSource.destroy();
    }
    bystander = await startBystander();
    const closed = `http://127.0.0.1:${await closedLoopbackPort()}`;
    const log = pino(
      { level: 'info' },
      { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    gateway = await startGateway(
      {
        LEADS_SERVICE_URL: leads.baseUrl,
        DISPATCHER_URL: closed,
        LOOKUP_SERVICE_URL: closed,
        // Were a hostile target forwarded to the silent bystander, this bounds the wait.
        GATEWAY_UPSTREAM_TIMEOUT_MS: '5000',
      },
      log,
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await bystander?.close();
    await leads?.stop();
    await database?.drop();
    guard?.uninstall();
  });

  describe('forwards only to its configured upstream', () => {
    const hostile = (port: number): [string, string][] => [
      ['absolute http://', `GET http://127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['absolute https://', `GET https://127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['absolute, upper-case scheme', `GET HTTP://127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['//host', `GET //127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['//user@host', `GET //user@127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['/\\host', `GET /\\127.0.0.1:${port}/v1/leads HTTP/1.1`],
      ['backslash dot segments', `GET /v1\\..\\..\\127.0.0.1:${port} HTTP/1.1`],
      ['CONNECT (authority form)', `CONNECT 127.0.0.1:${port} HTTP/1.1`],
      ['authority form on GET', `GET 127.0.0.1:${port} HTTP/1.1`],
      ['dot segments', 'GET /v1/leads/../../health/ready HTTP/1.1'],
      ['encoded dot segments', 'GET /v1/leads/%2e%2e/%2E%2e/docs-json HTTP/1.1'],
      ['encoded slash', 'GET /v1/leads/..%2f..%2fdocs-json HTTP/1.1'],
      ['asterisk form', 'OPTIONS * HTTP/1.1'],
    ];

    it.each(hostile(0).map(([name], index) => [name, index]))(
      'answers %s with 400 in the error shape, connecting nowhere',
      async (_name, index) => {
        const [, requestLine] = hostile(bystander.port)[index as number];
        const logged = logLines.length;
        const answer = await rawRequest(gateway.port, requestLine, {
          authorization: `Bearer ${keyA}`,
        });
        expect(answer.status).toBe(400);
        expect(answer.headers['content-type']).toContain('application/json');
        expect(JSON.parse(answer.body)).toMatchObject({
          statusCode: 400,
          code: 'validation_failed',
          field: 'request_target',
        });
        expect(bystander.connections()).toBe(0);
        // Logged with the target as sent (a request Node cannot parse: with its raw bytes).
        const target = requestLine.split(' ')[1];
        expect(
          logLines
            .slice(logged)
            .some((line) => String(line.target ?? line.packet ?? '').includes(target)),
        ).toBe(true);
      },
    );

    it('connected to nothing outside loopback either', () => {
      expect(guard.violations).toEqual([]);
    });

    it('still routes a plain path to the real service, both ways', async () => {
      const api = apiClient(gateway.url(''), keyA);
      const created = await api.post('/v1/leads', fullLead(`${uniqueName('edge')}@example.test`));
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const read = await api.get(`/v1/leads/${id}`, { query: { unused: 'a/b?c' } });
      expect(read).toMatchObject({ status: 200, body: { id } });
      expect(bystander.connections()).toBe(0);
    });
  });

  describe('passes ill-formed input on to be refused, never a 5xx', () => {
    const garbage = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]);
    const json = { 'content-type': 'application/json' };

    it.each([
      ['a NUL byte in a path parameter', '/v1/leads/%00', 400],
      ['a NUL byte in a query parameter', '/v1/leads?email=%00', 400],
    ])('%s answers 4xx through the gateway', async (_name, path, status) => {
      const answer = await apiClient(gateway.url(''), keyA).get(path);
      expect(answer).toMatchObject({ status, body: { statusCode: status } });
    });

    it.each([
      ['gzip that does not decompress', 'gzip', 400],
      ['deflate that does not decompress', 'deflate', 400],
      ['br that does not decompress', 'br', 400],
      ['an unknown encoding', 'zstd-x', 415],
    ])('%s answers %s before authentication', async (_name, encoding, status) => {
      for (const key of [keyA, undefined]) {
        const answer = await apiClient(gateway.url(''), key).post('/v1/leads', undefined, {
          raw: garbage,
          headers: { ...json, 'content-encoding': encoding },
        });
        expect(answer).toMatchObject({ status, body: { statusCode: status } });
      }
    });
  });

  describe('two API keys', () => {
    /** Header name-value pairs, each sent as its own line (a name may repeat). */
    const whoAmI = (headers: string[]) =>
      new Promise<{ status: number; body: { message?: string } }>((resolve, reject) => {
        const request = http.request(
          gateway.url('/v1/leads?limit=1'),
          // A raw header list gets no Host from Node; HTTP/1.1 requires one.
          { headers: ['host', 'gateway.test', ...headers], agent: false, timeout: 15_000 },
          (answer) => {
            let text = '';
            answer.setEncoding('utf8');
            answer.on('data', (chunk: string) => (text += chunk));
            answer.on('end', () => {
              try {
                resolve({ status: answer.statusCode ?? 0, body: JSON.parse(text) });
              } catch (error) {
                reject(error);
              }
            });
          },
        );
        request.on('error', reject);
        request.on('timeout', () => request.destroy(new Error('no answer')));
        request.end();
      });

    it.each([
      ['Authorization and X-Api-Key', () => ['authorization', `Bearer ${keyA}`, 'x-api-key', keyB]],
      [
        'two Authorization headers',
        () => ['authorization', `Bearer ${keyA}`, 'authorization', `Bearer ${keyB}`],
      ],
      ['two X-Api-Key headers', () => ['x-api-key', keyA, 'x-api-key', keyB]],
    ])('refuses %s carrying different keys with a 401 that says so', async (_name, headers) => {
      const answer = await whoAmI(headers());
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ statusCode: 401, code: 'unauthorized' });
      expect(answer.body.message).toMatch(/two different API keys/i);
    });

    it.each([
      ['Authorization and X-Api-Key', () => ['authorization', `Bearer ${keyA}`, 'x-api-key', keyA]],
      [
        'two Authorization headers',
        () => ['authorization', `Bearer ${keyA}`, 'authorization', `Bearer ${keyA}`],
      ],
    ])('accepts the same key in %s', async (_name, headers) => {
      expect((await whoAmI(headers())).status).toBe(200);
    });
  });

  it(`holds ${loadPerSecond} req/s to the service for ${loadSeconds} s with 0 errors`, async () => {
    const api = apiClient(gateway.url(''), keyA);
    const created = await api.post('/v1/leads', fullLead(`${uniqueName('load')}@example.test`));
    const path = `/v1/leads/${(created.body as { id: string }).id}`;
    const outcomes = await holdRate(loadPerSecond, loadSeconds, async () => {
      const answer = await fetch(gateway.url(path), {
        headers: { authorization: `Bearer ${keyA}` },
        signal: AbortSignal.timeout(30_000),
      });
      await answer.arrayBuffer();
      return String(answer.status);
    });
    // No speed is asserted: a loaded machine sends fewer; every one sent must succeed.
    expect(outcomes.sent).toBeGreaterThan(0);
    expect(Object.fromEntries(outcomes.counts)).toEqual({ '200': outcomes.sent });
    expect(
      logLines.filter((line) => line.msg === 'upstream request failed').map((line) => line.error),
    ).toEqual([]);
  });
});

/**
 * Open loop: starts requests on the clock, `perSecond` of them, whatever the answers do
 * (bounded at 512 in flight, so a stalled machine cannot pile up without limit), for
 * `seconds`, and counts each outcome once all have ended.
 */
async function holdRate(
  perSecond: number,
  seconds: number,
  send: () => Promise<string>,
): Promise<{ sent: number; counts: Map<string, number> }> {
  const counts = new Map<string, number>();
  const pending = new Set<Promise<void>>();
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1_000) {
    const due = Math.floor(((Date.now() - started) * perSecond) / 1_000);
    while (sent < due && pending.size < 512) {
      sent += 1;
      const one: Promise<void> = send()
        .catch(
          (error: Error & { cause?: { code?: string } }) =>
            `error ${error.cause?.code ?? error.message}`,
        )
        .then((outcome) => {
          counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
          pending.delete(one);
        });
      pending.add(one);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(pending);
  return { sent, counts };
}
