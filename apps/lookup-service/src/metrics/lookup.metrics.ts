import type { LookupEndpoint } from '@leadhooks/contracts';
import { METRICS_REGISTRY, registerConsumerLag } from '@leadhooks/metrics';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { KafkaConnection } from '../kafka/kafka.providers';

// Lag is measured on the broker at scrape time; leave room in a scraper's usual 10 s budget.
const lagTimeoutMs = 1_500;

/** The lookups, their webhook_url hand-offs, and the directory consumer's lag. */
@Injectable()
export class LookupMetrics {
  private readonly lookups: Counter<'endpoint' | 'status'>;
  private readonly webhooks: Counter<'endpoint'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, kafka: KafkaConnection) {
    this.lookups = new Counter({
      name: 'leadhooks_lookups_total',
      help: 'Lookups answered, by endpoint and HTTP status (invalid input included)',
      labelNames: ['endpoint', 'status'],
      registers: [registry],
    });
    this.webhooks = new Counter({
      name: 'leadhooks_lookup_webhooks_published_total',
      help: 'Lookup results queued on lookups.completed for their webhook_url',
      labelNames: ['endpoint'],
      registers: [registry],
    });
    registerConsumerLag(registry, () => kafka.client.consumerLag(lagTimeoutMs), lagTimeoutMs + 250);
  }

  answered(endpoint: LookupEndpoint, status: number): void {
    this.lookups.inc({ endpoint, status: String(status) });
  }

  webhookPublished(endpoint: LookupEndpoint): void {
    this.webhooks.inc({ endpoint });
  }
}
