import { parseExposition, sumOf } from '@leadhooks/metrics';
import {
  createTestDatabase,
  freePort,
  requireTestEnv,
  type TestDatabase,
  uniqueName,
  waitFor,
} from '@leadhooks/testing';
import { documentedWalkthrough, stepOf } from './support/readme-steps';
import { receiverLine, type ReceiverLine } from './support/receiver-lines';
import { ShellSession } from './support/shell-session';
import {
  cleanUp,
  isAlive,
  isListening,
  processGroup,
  spawnStart,
  type StartedSystem,
  waitGone,
  waitRunning,
  withOutput,
} from './support/start-process';

// Four attempts 2 s, 4 s and 8 s apart, plus start-up: a few minutes on a busy machine.
jest.setTimeout(360_000);

/**
 * The walk-through (docs/walkthrough.md, linked from README), its shell blocks run
 * verbatim: terminal 1 (`npm start`) as its own process group, terminal 2 as one bash
 * session. Only the ports and state dir differ from a reader's, through the variables the
 * blocks read.
 */
describe('walk-through (docs/walkthrough.md)', () => {
  const steps = documentedWalkthrough();
  let database: TestDatabase;
  let system: StartedSystem | undefined;
  let shell: ShellSession | undefined;
  let pids: number[] = [];
  const receiverPids: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('walkthrough');
  });

  afterAll(async () => {
    shell?.close();
    for (const pid of receiverPids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await cleanUp(system, pids);
    await database?.drop();
  });

  it('has the steps this spec drives', () => {
    expect([...steps.keys()]).toEqual([
      'start',
      'connect',
      'webhook',
      'receiver',
      'lead',
      'lookup',
      'break',
      'failing-lead',
      'deliveries',
      'dead-letters',
      'replay',
      'metrics',
      'stop',
    ]);
  });

  it('works as written: signed deliveries, a lookup webhook, a dead letter and its replay', async () => {
    const started = (system = await spawnStart(
      {
        ...process.env,
        DATABASE_URL: database.url,
        KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
        KAFKA_NAMESPACE: uniqueName('walkthrough'),
      },
      stepOf(steps, 'start'),
    ));
    await withOutput(started, async () => {
      const running = await waitRunning(started, 180_000);
      pids = running.pids;
      const receiverPort = await freePort();
      const gateway = `http://127.0.0.1:${started.ports.gateway}`;
      const terminal = (shell = new ShellSession(
        {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          GATEWAY_PORT: String(started.ports.gateway),
          LEADS_PORT: String(started.ports.leads),
          LOOKUP_PORT: String(started.ports.lookup),
          DISPATCHER_PORT: String(started.ports.dispatcher),
          LEADHOOKS_START_STATE_DIR: started.stateDir,
          RECEIVER_PORT: String(receiverPort),
        },
        (line) => receiverLine(line) !== undefined,
      ));
      const received = (): ReceiverLine[] =>
        terminal.lines().flatMap((line) => receiverLine(line) ?? []);
      const receivedLine = (description: string, match: (line: ReceiverLine) => boolean) =>
        waitFor(description, () => received().find(match), { timeoutMs: 60_000 });
      const api = async (path: string) => {
        const answer = await fetch(`${gateway}${path}`, {
          headers: { authorization: `Bearer ${running.key}` },
        });
        expect(answer.status).toBe(200);
        return answer.json() as Promise<Record<string, unknown>>;
      };
      const step = async (name: string) => {
        const result = await terminal.run(stepOf(steps, name));
        if (result.status !== 0)
          throw new Error(
            `step ${name} ended ${result.status}:\n${result.output}\n${terminal.errors()}`,
          );
        return result.output;
      };

      await step('connect');
      expect(await terminal.variable('KEY')).toBe(running.key);

      const webhook = JSON.parse(await step('webhook')) as { id: string; url: string };
      expect(webhook.url).toBe(`http://127.0.0.1:${receiverPort}/leads`);
      expect(await terminal.variable('WEBHOOK_ID')).toBe(webhook.id);
      expect(await api(`/v1/webhooks/${webhook.id}`)).toMatchObject({ enabled: true });

      await step('receiver');
      const listening = await receivedLine(
        'the receiver to listen',
        (line) => line.message === 'receiver listening',
      );
      receiverPids.push(listening.pid ?? 0);
      expect(listening).toMatchObject({ secrets: 2, failFirst: 0 });

      const lead = JSON.parse(await step('lead')) as Record<string, unknown>;
      expect(lead).toMatchObject({ email: 'ada@example.com', score: 80 });
      const accepted = await receivedLine(
        'the lead delivered',
        (line) => line.eventType === 'save_lead' && line.outcome === 'accepted',
      );
      expect(accepted).toMatchObject({ status: 200, signature: 'verified' });
      const processed = await receivedLine(
        'the lead processed',
        (line) => line.webhookId === accepted.webhookId && line.outcome === 'processed',
      );
      // Exactly the seed's body: the lead's eleven fields wrapped in "data".
      expect(processed.body).toEqual({
        data: {
          email: 'ada@example.com',
          website: 'example.com',
          first_name: 'Ada',
          last_name: 'Lovelace',
          score: 80,
          company: null,
          phone: null,
          position: null,
          twitter: null,
          linkedin: null,
          notes: null,
        },
      });

      const lookupAnswer = JSON.parse(await step('lookup')) as unknown;
      const lookupDelivered = await receivedLine(
        'the lookup delivered',
        (line) => line.eventType === 'lookup.completed' && line.outcome === 'accepted',
      );
      expect(lookupDelivered.signature).toBe('verified');
      const lookupProcessed = await receivedLine(
        'the lookup processed',
        (line) => line.webhookId === lookupDelivered.webhookId && line.outcome === 'processed',
      );
      expect(lookupProcessed.body).toEqual(lookupAnswer);

      await step('break');
      const broken = await receivedLine(
        'the broken receiver',
        (line) => line.message === 'receiver listening' && line.failFirst === 4,
      );
      receiverPids.push(broken.pid ?? 0);
      await waitGone([listening.pid ?? 0], [], 10_000);
      const second = JSON.parse(await step('failing-lead')) as Record<string, unknown>;
      expect(second).toMatchObject({ email: 'grace@example.com' });
      const failing = await receivedLine(
        'a failed attempt',
        (line) => line.outcome === 'failed-on-purpose',
      );
      const deliveryId = failing.webhookId ?? '';
      const dead = await waitFor(
        'the dead letter',
        async () => {
          const list = (await api('/v1/dead-letters')) as { data: { delivery_id: string }[] };
          return list.data.find((item) => item.delivery_id === deliveryId);
        },
        { timeoutMs: 120_000, intervalMs: 500 },
      );
      expect(dead).toMatchObject({ webhook_id: webhook.id, event_type: 'save_lead' });
      expect(
        received()
          .filter((line) => line.webhookId === deliveryId)
          .map((line) => line.status),
      ).toEqual([500, 500, 500, 500]);

      const log = JSON.parse(await step('deliveries')) as {
        status: string;
        attempts: number;
        attempts_log: { status_code: number }[];
      };
      expect(await terminal.variable('DELIVERY_ID')).toBe(deliveryId);
      expect(log).toMatchObject({ status: 'dead', attempts: 4 });
      expect(log.attempts_log.map((attempt) => attempt.status_code)).toEqual([500, 500, 500, 500]);

      const deadLetters = JSON.parse(await step('dead-letters')) as {
        data: { delivery_id: string }[];
      };
      expect(deadLetters.data.map((item) => item.delivery_id)).toContain(deliveryId);

      expect(JSON.parse(await step('replay'))).toEqual({ replayed: 1 });
      // The same webhook-id, now the receiver's fifth attempt for it: accepted.
      await receivedLine(
        'the replay delivered',
        (line) => line.webhookId === deliveryId && line.outcome === 'accepted',
      );
      await waitFor('the delivery to end delivered', async () =>
        (await api(`/v1/deliveries/${deliveryId}`)).status === 'delivered' ? true : undefined,
      );

      // Each app's registry starts empty with its process, so above zero means moved here.
      const metrics = parseExposition(await step('metrics'));
      expect(
        sumOf(metrics, 'leadhooks_http_requests_total', { service: 'gateway' }),
      ).toBeGreaterThan(0);
      for (const outcome of ['delivered', 'retry', 'dead_lettered'])
        expect(sumOf(metrics, 'leadhooks_deliveries_total', { outcome })).toBeGreaterThan(0);
      expect(sumOf(metrics, 'leadhooks_dead_letters_total')).toBeGreaterThan(0);
      expect(sumOf(metrics, 'leadhooks_outbox_published_total')).toBeGreaterThan(0);
      expect(
        sumOf(metrics, 'leadhooks_lookups_total', { endpoint: 'phone-validator' }),
      ).toBeGreaterThan(0);

      await step('stop');
      await waitGone(receiverPids, [receiverPort], 15_000);

      // Ctrl-C in terminal 1: nothing npm start started may remain, and its ports are free.
      started.interrupt();
      await started.exited;
      await waitGone(pids, Object.values(started.ports), 30_000);
      expect(await processGroup(started.child.pid ?? 0)).toEqual([]);
      expect(await isListening(started.ports.gateway)).toBe(false);
    });
  });
});
