import type { RetryTierTopic, TopicName } from '@leadhooks/contracts';
import { METRICS_REGISTRY, registerConsumerLag } from '@leadhooks/metrics';
import type { OutboundOutcome } from '@leadhooks/outbound-http';
import type { DeliveryDecision } from '@leadhooks/retry-policy';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram, type Registry } from 'prom-client';
import { KafkaConnection } from '../kafka/kafka.providers';
import {
  attemptLabel,
  deadLetterReason,
  deliveryOutcomeLabel,
  fanoutSource,
} from './delivery.outcomes';

// Lag is measured on the broker at scrape time; leave room in a scraper's usual 10 s budget.
const lagTimeoutMs = 1_500;

/**
 * The dispatcher's own series. Counters move once an outcome is durable (logged, and
 * forwarded when it is a retry or a dead letter), i.e. when its offset may be committed.
 */
@Injectable()
export class DispatcherMetrics {
  private readonly deliveries: Counter<'outcome'>;
  private readonly attempts: Histogram<'outcome'>;
  private readonly retries: Counter<'topic'>;
  private readonly deadLetters: Counter<'reason'>;
  private readonly replays: Counter;
  private readonly fanout: Counter<'source'>;
  private readonly filtered: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, kafka: KafkaConnection) {
    const registers = [registry];
    this.deliveries = new Counter({
      name: 'leadhooks_deliveries_total',
      help: 'Delivery attempts by what followed: delivered, retry, dead_lettered, or cancelled (webhook deleted or disabled before sending)',
      labelNames: ['outcome'],
      registers,
    });
    this.attempts = new Histogram({
      name: 'leadhooks_delivery_attempt_duration_seconds',
      help: 'One HTTP attempt of a delivery, from sending to the end of the answer, in seconds',
      labelNames: ['outcome'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.retries = new Counter({
      name: 'leadhooks_delivery_retries_total',
      help: 'Deliveries forwarded to a retry tier, by the tier topic (webhooks.deliveries.retry-in.*) they first went to',
      labelNames: ['topic'],
      registers,
    });
    this.deadLetters = new Counter({
      name: 'leadhooks_dead_letters_total',
      help: 'Deliveries parked as dead letters, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.replays = new Counter({
      name: 'leadhooks_dead_letter_replays_total',
      help: 'Dead letters put back on webhooks.deliveries by a replay',
      registers,
    });
    this.fanout = new Counter({
      name: 'leadhooks_fanout_deliveries_total',
      help: 'Deliveries created from events, by source (save_lead, lookup)',
      labelNames: ['source'],
      registers,
    });
    this.filtered = new Counter({
      name: 'leadhooks_fanout_filtered_total',
      help: "Events not delivered to a subscribed webhook because its filter did not match the event's body",
      registers,
    });
    registerConsumerLag(registry, () => kafka.client.consumerLag(lagTimeoutMs), lagTimeoutMs + 250);
  }

  /** One HTTP attempt, whatever came of it. */
  attempted(outcome: OutboundOutcome): void {
    this.attempts.observe({ outcome: attemptLabel(outcome) }, outcome.durationMs / 1_000);
  }

  /** What the attempt led to, once durable; a retry with the tier topic it was written to. */
  decided(decision: DeliveryDecision, retryTier?: RetryTierTopic): void {
    this.deliveries.inc({ outcome: deliveryOutcomeLabel(decision) });
    if (retryTier !== undefined) this.retries.inc({ topic: retryTier });
    const reason = deadLetterReason(decision);
    if (reason !== undefined) this.deadLetters.inc({ reason });
  }

  cancelled(): void {
    this.deliveries.inc({ outcome: 'cancelled' });
  }

  replayed(count: number): void {
    this.replays.inc(count);
  }

  filteredOut(count: number): void {
    if (count > 0) this.filtered.inc(count);
  }

  fannedOut(topic: TopicName, count: number): void {
    const source = fanoutSource(topic);
    if (source !== undefined) this.fanout.inc({ source }, count);
  }
}
