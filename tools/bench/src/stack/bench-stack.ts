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
 * One namespace of topics with a dispatcher (and, for the end-to-end scenario, a
 * leads-service) running on it as child processes, plus what a scenario drives it with:
 * a producer for upstream events and a reader of the dead-letter topic.
 */
export class BenchStack {
  private dispatcherProcess: AppProcess | undefined;

  private constructor(
    private readonly ctx: BenchContext,
    readonly kafka: KafkaClient,
    private readonly producer: TypedProducer,
    private readonly dlq: RunningConsumer<typeof Topics.deliveriesDlq>,
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
      workers?: boolean;
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
    await stack.startDispatcher(options.workers ?? true);
    return stack;
  }

  get dispatcher(): AppProcess {
    if (!this.dispatcherProcess) throw new Error('the dispatcher is not running');
    return this.dispatcherProcess;
  }

  /**
   * (Re)starts the dispatcher. Without workers it only serves the API, so webhooks can be
   * configured before any event is consumed.
   */
  async startDispatcher(workers: boolean): Promise<AppProcess> {
    await this.dispatcherProcess?.stop();
    const env = {
      ...stackEnv(this.ctx, this.kafka.namespace ?? ''),
      ...this.dispatcherEnv,
      DISPATCHER_WORKERS_ENABLED: String(workers),
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
      // The child trusts the bench CA the way an operator adds a private CA.
      NODE_EXTRA_CA_CERTS: this.ctx.caFile,
    };
    this.dispatcherProcess = await AppProcess.start(
      this.ctx.root,
      appSpec('dispatcher', this.dispatcherPort, env),
      workers ? this.ctx.cpuProfDir : undefined,
    );
    return this.dispatcherProcess;
  }

  /** An account of its own with a receiver run: scenario runs never see each other's deliveries. */
  async tenant(name: string, behaviour?: Behaviour): Promise<Tenant> {
    const { accountId, apiKey } = await this.ctx.createAccount(name);
    const run = this.ctx.receiver.open(name, behaviour);
    const api = apiClient(this.dispatcher.baseUrl, apiKey);
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
    await this.dispatcherProcess?.stop();
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
