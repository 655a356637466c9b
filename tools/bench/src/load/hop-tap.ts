import { Topics } from '@leadhooks/contracts';
import type { KafkaClient, RunningConsumer } from '@leadhooks/kafka';
import { summarizeLatencies, type LatencySummary } from '../stats/latency.summary';
import type { FirstArrival } from './receiver-run';

/** Where an end-to-end latency went, stage by stage (ms; see `HopTap`). */
export interface StageLatencies {
  /** Due → the API's answer (the load generator's lateness included). */
  api: LatencySummary;
  /** The API's answer → leads.save_lead's record handed to the producer (the outbox). */
  outbox: LatencySummary;
  /** save_lead's record → webhooks.deliveries' record (Kafka, fan-out). */
  fanout: LatencySummary;
  /** webhooks.deliveries' record → the first byte at the receiver (Kafka, the attempt). */
  delivery: LatencySummary;
}

type Tapped = typeof Topics.saveLead | typeof Topics.deliveries;

/**
 * Reads a stack's leads.save_lead and webhooks.deliveries as they are written and keeps
 * each record's timestamp (the producer's clock, this machine's), so an end-to-end
 * latency splits into stages: one figure alone says how slow, not where. A consumer
 * group of its own: the dispatcher's offsets are not touched.
 */
export class HopTap {
  /** save_lead by lead email: its event id and record time. */
  private readonly saved = new Map<string, { eventId: string; at: number }>();
  /** First attempts by delivery id (the webhook-id): record time. */
  private readonly routed = new Map<string, { eventId: string; at: number }>();
  /** The API's answer by lead email. */
  private readonly answered = new Map<string, { dueAt: number; at: number }>();

  private consumer: RunningConsumer<Tapped> | undefined;

  /** A tap reading the stack's topics from their start (the namespace is this run's own). */
  static async start(kafka: KafkaClient, groupId: string): Promise<HopTap> {
    const tap = new HopTap();
    tap.consumer = await kafka.runConsumer({
      groupId,
      topics: [Topics.saveLead, Topics.deliveries],
      startFrom: 'earliest',
      partitionsConsumedConcurrently: 6,
      handle: async (message) => {
        if (message.topic === Topics.saveLead) {
          const { eventId, payload } = message.value;
          tap.saw(payload.data.email, eventId, message.timestamp);
        } else if (message.value.attemptsMade === 0) {
          const { deliveryId, eventId } = message.value;
          tap.routedAt(deliveryId, eventId, message.timestamp);
        }
      },
      onInvalid: async () => undefined,
    });
    return tap;
  }

  /** save_lead of the lead `email` was recorded at `at`. */
  saw(email: string, eventId: string, at: number): void {
    this.saved.set(email, { eventId, at });
  }

  /** The first attempt `deliveryId` of event `eventId` was recorded at `at`. */
  routedAt(deliveryId: string, eventId: string, at: number): void {
    this.routed.set(deliveryId, { eventId, at });
  }

  /** The API answered the call that created the lead `email`, due at `dueAt`. */
  answer(email: string, dueAt: number, at: number): void {
    this.answered.set(email, { dueAt, at });
  }

  /** The stages of every first arrival the tap saw whole (records still unread are left out). */
  stages(arrivals: readonly FirstArrival[]): StageLatencies {
    const byEvent = new Map<string, { email: string; at: number }>();
    for (const [email, { eventId, at }] of this.saved) byEvent.set(eventId, { email, at });
    const api: number[] = [];
    const outbox: number[] = [];
    const fanout: number[] = [];
    const delivery: number[] = [];
    for (const arrival of arrivals) {
      const routed = this.routed.get(arrival.webhookId);
      const saved = routed && byEvent.get(routed.eventId);
      const answered = saved && this.answered.get(saved.email);
      if (!routed || !saved || !answered) continue;
      api.push(answered.at - answered.dueAt);
      outbox.push(saved.at - answered.at);
      fanout.push(routed.at - saved.at);
      delivery.push(arrival.arrivedAt - routed.at);
    }
    return {
      api: summarizeLatencies(api),
      outbox: summarizeLatencies(outbox),
      fanout: summarizeLatencies(fanout),
      delivery: summarizeLatencies(delivery),
    };
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}
