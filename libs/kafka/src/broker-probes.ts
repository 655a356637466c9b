import { Kafka, type Admin, type KafkaConfig } from 'kafkajs';
import { AdminSlot } from './admin-slot';
import { withDeadline } from './deadline';
import { describeError } from './kafka.errors';

export type PingResult =
  | {
      ok: true;
      /** Until the first broker answered, ms. */
      latencyMs: number;
      /** Listed brokers that did not answer: the cluster serves, with less to spare. */
      unreachable: { broker: string; error: string }[];
    }
  | { ok: false; error: string };

/**
 * Readiness probes: one client per broker of the list, each that never retries, all asked
 * at once. One client for the whole list connects to a single broker of it and, not
 * retrying, reported the cluster down whenever that broker was (issue 24): any broker
 * answering means the cluster can be reached, and those that did not are named.
 */
export class BrokerProbes {
  private readonly probes: { broker: string; slot: AdminSlot }[];

  constructor(config: KafkaConfig & { brokers: string[] }) {
    this.probes = config.brokers.map((broker) => ({
      broker,
      slot: new AdminSlot(new Kafka({ ...config, brokers: [broker], retry: { retries: 0 } })),
    }));
  }

  /** One metadata round trip per broker, in parallel, each bounded by `timeoutMs`. Never throws. */
  async ping(timeoutMs: number): Promise<PingResult> {
    const started = Date.now();
    const outcomes = await Promise.all(
      this.probes.map(async ({ broker, slot }) => {
        try {
          await withDeadline(
            slot.get().then((admin: Admin) => admin.describeCluster()),
            timeoutMs,
            `no answer within ${timeoutMs} ms`,
          );
          return { broker, answeredAt: Date.now() };
        } catch (error) {
          // Start from a new connection next time; this one may be the reason it failed.
          slot.reset().catch(() => undefined);
          return { broker, error: describeError(error) };
        }
      }),
    );
    const answered = outcomes.flatMap((o) => (o.answeredAt === undefined ? [] : [o.answeredAt]));
    const unreachable = outcomes.flatMap(({ broker, error }) =>
      error === undefined ? [] : [{ broker, error }],
    );
    if (answered.length === 0) {
      return {
        ok: false,
        error: unreachable.map(({ broker, error }) => `${broker}: ${error}`).join('; '),
      };
    }
    return { ok: true, latencyMs: Math.min(...answered) - started, unreachable };
  }

  async reset(): Promise<void> {
    await Promise.all(this.probes.map(({ slot }) => slot.reset()));
  }
}
