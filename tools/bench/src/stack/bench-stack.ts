import { Topics, type SaveLeadEvent } from '@leadhooks/contracts';
import {
  KafkaClient,
  platformTopicSpecs,
  type RunningConsumer,
  type TypedProducer,
} from '@leadhooks/kafka';
import { apiClient, freePort, uniqueName } from '@leadhooks/testing';
import type { Behaviour } from '../load/receiver-run';
import { AppProcess, appSpec } from './app-process';
import type { BenchContext } from './bench-context';
import { Tenant } from './tenant';

/**
 * The dispatcher processes of a stack, each by its DISPATCHER_CONSUMERS: `none` serves the
 * API only; one process of every role is the default deployment; split by role, fan-out
 * and delivery each have a process (decision 051).
 */
export const dispatcherLayouts = {
  apiOnly: ['none'],
  one: ['fanout,deliveries,retries'],
  split: ['deliveries,retries', 'fanout'],
} as const satisfies Record<string, readonly string[]>;
export type DispatcherLayout = (typeof dispatcherLayouts)[keyof typeof dispatcherLayouts];

/**
 * One namespace of topics with a dispatcher (and, for the end-to-end scenario, a
 * leads-service) running on it as child processes, plus what a scenario drives it with:
 * a producer for upstream events and a reader of the dead-letter topic.
 */
export class BenchStack {
  private dispatcherProcesses: AppProcess[] = [];

  private constructor(
    private readonly ctx: BenchContext,
    readonly kafka: KafkaClient,
    private readonly producer: TypedProducer,
    private readonly dlq: RunningConsumer,
    private readonly deadLettersByAccount: Map<string, Set<string>>,
    readonly leads: AppProcess | undefined,
    private readonly dispatcherPort: number,
    private readonly dispatcherEnv: Record<string, string>,
  ) {}

  static async start(
    ctx: BenchContext,
    options: {
      name: string;
      withLeadsService?: boolean;
      /** Default: one process of every role. */
      dispatchers?: DispatcherLayout;
      /** Dispatcher settings of this stack (timeouts, retry delays). */
      dispatcherEnv?: Record<string, string>;
    },
  ): Promise<BenchStack> {
    const namespace = uniqueName(`bench-${options.name}`);
    const kafka = new KafkaClient({
      brokers: ctx.kafkaBrokers.split(','),
      clientId: 'bench',
      namespace,
      logLevel: 'nothing',
    });
    await kafka.ensureTopics(platformTopicSpecs());
    const producer = kafka.createProducer();
    await producer.connect();
    const deadLetters = new Map<string, Set<string>>();
    const dlq = await kafka.runConsumer({
      groupId: 'bench-dlq-reader',
      topics: [Topics.deliveriesDlq],
      startFrom: 'earliest',
      handle: async ({ value }) => {
        const ids = deadLetters.get(value.accountId) ?? new Set<string>();
        ids.add(value.deliveryId);
        deadLetters.set(value.accountId, ids);
      },
      onInvalid: async () => undefined,
    });
    const leads = options.withLeadsService
      ? await AppProcess.start(
          ctx.root,
          appSpec('leads-service', await freePort(), stackEnv(ctx, namespace)),
          ctx.cpuProfDir,
        )
      : undefined;
    const stack = new BenchStack(
      ctx,
      kafka,
      producer,
      dlq,
      deadLetters,
      leads,
      await freePort(),
      options.dispatcherEnv ?? {},
    );
    await stack.startDispatchers(options.dispatchers ?? dispatcherLayouts.one);
    return stack;
  }

  /** The first dispatcher process: the one whose API the scenarios call. */
  get dispatcher(): AppProcess {
    const [first] = this.dispatcherProcesses;
    if (!first) throw new Error('the dispatcher is not running');
    return first;
  }

  /**
   * (Re)starts the dispatcher as `layout` says. An API-only layout lets a scenario
   * configure webhooks before any event is consumed.
   */
  async startDispatchers(layout: DispatcherLayout): Promise<AppProcess[]> {
    await this.stopDispatchers();
    for (const [index, consumers] of layout.entries()) {
      const env = {
        ...stackEnv(this.ctx, this.kafka.namespace ?? ''),
        ...this.dispatcherEnv,
        DISPATCHER_CONSUMERS: consumers,
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        // The child trusts the bench CA the way an operator adds a private CA.
        NODE_EXTRA_CA_CERTS: this.ctx.caFile,
      };
      const port = index === 0 ? this.dispatcherPort : await freePort();
      // Named by role when there are several: progress lines and CPU profiles tell them apart.
      const name =
        layout.length > 1 ? `dispatcher-${consumers.replaceAll(',', '+')}` : 'dispatcher';
      this.dispatcherProcesses.push(
        await AppProcess.start(
          this.ctx.root,
          { ...appSpec('dispatcher', port, env), name },
          consumers === 'none' ? undefined : this.ctx.cpuProfDir,
        ),
      );
    }
    return [...this.dispatcherProcesses];
  }

  async stopDispatchers(): Promise<void> {
    await Promise.all(this.dispatcherProcesses.splice(0).map((process) => process.stop()));
  }

  /** An account of its own with a receiver run: scenario runs never see each other's deliveries. */
  async tenant(name: string, behaviour?: Behaviour): Promise<Tenant> {
    const { accountId, apiKey } = await this.ctx.createAccount(name);
    const run = this.ctx.receiver.open(name, behaviour);
    // The first dispatcher's port stays the API's across restarts: a tenant outlives them.
    const api = apiClient(`http://127.0.0.1:${this.dispatcherPort}`, apiKey);
    return new Tenant(accountId, apiKey, run, api, () => this.deadLettered(accountId));
  }

  publish(events: readonly SaveLeadEvent[]): Promise<void> {
    return this.producer
      .send(
        Topics.saveLead,
        events.map((value) => ({ key: value.aggregateId, value })),
      )
      .then(() => undefined);
  }

  deadLettered(accountId: string): ReadonlySet<string> {
    return this.deadLettersByAccount.get(accountId) ?? new Set();
  }

  async stop(): Promise<void> {
    await this.stopDispatchers();
    await this.leads?.stop();
    await this.dlq.stop();
    await this.kafka.shutdown();
  }
}

function stackEnv(ctx: BenchContext, namespace: string): Record<string, string> {
  return {
    DATABASE_URL: ctx.databaseUrl,
    KAFKA_BROKERS: ctx.kafkaBrokers,
    KAFKA_NAMESPACE: namespace,
  };
}
