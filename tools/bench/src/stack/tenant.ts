import type { ApiClient } from '@leadhooks/testing';
import { closeLedger, type Ledger } from '../stats/ledger';
import type { ReceiverRun } from '../load/receiver-run';

/** One account of a scenario run: its webhooks, its receiver run, its ledger. */
export class Tenant {
  constructor(
    readonly accountId: string,
    readonly apiKey: string,
    readonly run: ReceiverRun,
    private readonly api: ApiClient,
    readonly deadLettered: () => ReadonlySet<string>,
  ) {}

  /** A save_lead webhook to `endpoint` of this tenant's receiver run; returns its id. */
  async addWebhook(endpoint: string): Promise<string> {
    const answer = await this.api.post('/v1/webhooks', {
      name: endpoint,
      url: this.run.url(endpoint),
      events: ['save_lead'],
    });
    if (answer.status !== 201) {
      throw new Error(
        `creating webhook ${endpoint}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return (answer.body as { id: string }).id;
  }

  /** Deliveries with an outcome so far (delivered or dead-lettered). */
  settled(): number {
    let dead = 0;
    for (const id of this.deadLettered()) if (!this.run.delivered.has(id)) dead += 1;
    return this.run.delivered.size + dead;
  }

  ledger(published: number): Ledger {
    return closeLedger({
      published,
      delivered: this.run.delivered,
      deadLettered: this.deadLettered(),
      duplicates: this.run.duplicates,
    });
  }
}
