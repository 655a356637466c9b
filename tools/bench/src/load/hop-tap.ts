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

/** How long `readRecords` waits for the records of every arrival before it gives up on the rest. */
const readTimeoutMs = 60_000;

/**
 * Splits end-to-end latencies into stages from each record's timestamp on
 * leads.save_lead and webhooks.deliveries (the producer's clock, this machine's): one
 * figure alone says how slow, not where. The API's answers are noted as they come; the
 * records are read once a step has settled (`readRecords`), so the reading costs the
 * measured system nothing: a live consumer of both topics took about a tenth of a core at
 * 500 leads/s from the processes it was measuring. Each read is a consumer group of its
 * own; the dispatcher's offsets are not touched.
 */
export class HopTap {
  /** save_lead by lead email: its event id and record time. */
  private readonly saved = new Map<string, { eventId: string; at: number }>();
  /** First attempts by delivery id (the webhook-id): record time. */
  private readonly routed = new Map<string, { eventId: string; at: number }>();
  /** The API's answer by lead email. */
  private readonly answered = new Map<string, { dueAt: number; at: number }>();

  /**
   * Reads both topics from their start under `groupId` until every arrival's records are
   * in (or `readTimeoutMs` passed: `stages` leaves out what is missing), then stops.
   */
  async readRecords(
    kafka: KafkaClient,
    groupId: string,
    arrivals: readonly FirstArrival[],
  ): Promise<void> {
    const consumer: RunningConsumer = await kafka.runConsumer({
      groupId,
      topics: [Topics.saveLead, Topics.deliveries],
      startFrom: 'earliest',
      partitionsConsumedConcurrently: 6,
      handle: async (message) => {
        if (message.topic === Topics.saveLead) {
          const { eventId, payload } = message.value;
          this.saw(payload.data.email, eventId, message.timestamp);
        } else if (message.value.attemptsMade === 0) {
          const { deliveryId, eventId } = message.value;
          this.routedAt(deliveryId, eventId, message.timestamp);
        }
      },
      onInvalid: async () => undefined,
    });
    try {
      const deadline = Date.now() + readTimeoutMs;
      while (!this.covers(arrivals) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await consumer.stop();
    }
  }

  /** True once both records of every arrival were read. */
  covers(arrivals: readonly FirstArrival[]): boolean {
    const events = new Set([...this.saved.values()].map((saved) => saved.eventId));
    return arrivals.every((arrival) => {
      const routed = this.routed.get(arrival.webhookId);
      return routed !== undefined && events.has(routed.eventId);
    });
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
}
