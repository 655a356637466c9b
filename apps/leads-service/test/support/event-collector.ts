import { Topics, type SaveLeadEvent } from '@leadhooks/contracts';
import type { InvalidRecord, KafkaClient, RunningConsumer } from '@leadhooks/kafka';
import { uniqueName, waitFor } from '@leadhooks/testing';

export interface CollectedEvent {
  key: string | null;
  partition: number;
  offset: string;
  headers: Record<string, string>;
  /** Parsed with the contract's strict schema: an extra or missing field would land in `invalid`. */
  value: SaveLeadEvent;
}

/** Reads leads.save_lead from the beginning, with a consumer group of its own. */
export class EventCollector {
  private constructor(
    private readonly consumer: RunningConsumer,
    /** Filled as records arrive. */
    readonly events: CollectedEvent[],
    readonly invalid: InvalidRecord[],
  ) {}

  static async start(kafka: KafkaClient): Promise<EventCollector> {
    const events: CollectedEvent[] = [];
    const invalid: InvalidRecord[] = [];
    const consumer = await kafka.runConsumer({
      groupId: uniqueName('collector'),
      topics: [Topics.saveLead],
      startFrom: 'earliest',
      handle: async (message) => {
        events.push({
          key: message.key,
          partition: message.partition,
          offset: message.offset,
          headers: message.headers,
          value: message.value,
        });
      },
      onInvalid: async (record) => {
        invalid.push(record);
      },
    });
    return new EventCollector(consumer, events, invalid);
  }

  forLead(leadId: string): CollectedEvent[] {
    return this.events.filter((event) => event.value.aggregateId === leadId);
  }

  /** Waits (bounded) until `leadId` has at least `count` events, then returns them all. */
  waitForLead(leadId: string, count: number, timeoutMs = 20_000): Promise<CollectedEvent[]> {
    return waitFor(
      `${count} save_lead event(s) of lead ${leadId}`,
      () => {
        const events = this.forLead(leadId);
        return events.length >= count ? events : undefined;
      },
      { timeoutMs },
    );
  }

  stop(): Promise<void> {
    return this.consumer.stop();
  }
}

/** Per lead, the versions of its events in arrival order, duplicates (same event id) removed. */
export function versionsByLead(events: readonly CollectedEvent[]): Map<string, number[]> {
  const seen = new Set<string>();
  const versions = new Map<string, number[]>();
  for (const { value } of events) {
    if (seen.has(value.eventId)) continue;
    seen.add(value.eventId);
    versions.set(value.aggregateId, [
      ...(versions.get(value.aggregateId) ?? []),
      value.aggregateVersion,
    ]);
  }
  return versions;
}
