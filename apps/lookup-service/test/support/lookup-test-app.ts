import { AccountsService, type IssuedApiKey } from '@leadhooks/auth';
import {
  KafkaHeaders,
  Topics,
  type LookupCompleted,
  type SaveLeadEvent,
} from '@leadhooks/contracts';
import { createLogger } from '@leadhooks/http';
import {
  KafkaClient,
  platformTopicSpecs,
  type RunningConsumer,
  type TypedProducer,
} from '@leadhooks/kafka';
import {
  listenOnLoopback,
  testLogLevel,
  uniqueName,
  waitFor,
  type ApiClient,
} from '@leadhooks/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createLookupApp } from '../../src/app/create-app';
import { lookupConfig } from '../../src/config/lookup.config';
import type { LookupOverrides } from '../../src/lookups/lookups.module';

export interface LookupTestApp {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  createAccount(name: string): Promise<IssuedApiKey>;
  close(): Promise<void>;
}

/** The real service, in process, listening on a free port of 127.0.0.1. */
export async function startLookupTestApp(
  env: Record<string, string>,
  overrides: LookupOverrides = {},
): Promise<LookupTestApp> {
  const config = lookupConfig({ LOOKUP_DNS_TIMEOUT_MS: '300', LOOKUP_DNS_TRIES: '1', ...env });
  const { app } = await createLookupApp(
    config,
    createLogger({ name: 'lookup-service', level: testLogLevel('LOOKUP_TEST_LOG_LEVEL') }),
    overrides,
  );
  const { baseUrl, close } = await listenOnLoopback(app);
  const dataSource = app.get(DataSource);
  return {
    app,
    baseUrl,
    dataSource,
    createAccount: async (name) =>
      (await new AccountsService(dataSource).createAccountWithKey(name)).apiKey,
    close,
  };
}

/** The test's own Kafka client in the app's namespace: publishes leads, reads lookups.completed. */
export class TestKafka {
  readonly completed: {
    key: string | null;
    headers: Record<string, string>;
    value: LookupCompleted;
  }[] = [];
  readonly invalid: unknown[] = [];
  private consumer: RunningConsumer | undefined;
  private producer: TypedProducer | undefined;

  private constructor(readonly client: KafkaClient) {}

  static async start(brokers: string[], namespace: string): Promise<TestKafka> {
    const client = new KafkaClient({
      brokers,
      clientId: 'lookup-e2e',
      namespace,
      logLevel: 'nothing',
    });
    await client.ensureTopics(
      platformTopicSpecs().filter(
        (s) => s.topic === Topics.saveLead || s.topic === Topics.lookupsCompleted,
      ),
    );
    const kafka = new TestKafka(client);
    kafka.producer = client.createProducer();
    await kafka.producer.connect();
    kafka.consumer = await client.runConsumer({
      groupId: uniqueName('completed-collector'),
      topics: [Topics.lookupsCompleted],
      startFrom: 'earliest',
      handle: async (message) => {
        kafka.completed.push({ key: message.key, headers: message.headers, value: message.value });
      },
      onInvalid: async (record) => {
        kafka.invalid.push(record);
      },
    });
    return kafka;
  }

  async publishLeads(events: SaveLeadEvent[]): Promise<void> {
    await this.producer?.send(
      Topics.saveLead,
      events.map((event) => ({
        key: event.aggregateId,
        value: event,
        headers: {
          [KafkaHeaders.eventType]: event.type,
          [KafkaHeaders.eventId]: event.eventId,
          [KafkaHeaders.accountId]: event.accountId,
        },
      })),
    );
  }

  /**
   * Publishes each lead as a new one (version 1) and waits until domain-search lists them
   * all, so a spec's first lookup sees them. The account must know no one else there.
   */
  async seedDirectory(api: ApiClient, accountId: string, leads: LeadInput[]): Promise<void> {
    await this.publishLeads(leads.map((lead) => saveLeadEvent(accountId, randomUUID(), 1, lead)));
    const perDomain = new Map<string, number>();
    for (const { email } of leads) {
      const domain = email.slice(email.lastIndexOf('@') + 1);
      perDomain.set(domain, (perDomain.get(domain) ?? 0) + 1);
    }
    for (const [domain, total] of perDomain) await waitForDirectory(api, domain, total);
  }

  waitForCompleted(requestId: string, timeoutMs = 20_000) {
    return waitFor(
      `lookups.completed record ${requestId}`,
      () => this.completed.find((r) => r.value.requestId === requestId),
      { timeoutMs },
    );
  }

  async close(): Promise<void> {
    await this.consumer?.stop();
    await this.client.shutdown();
  }
}

/** Waits until domain-search answers `total` people at `domain` for this client's account. */
async function waitForDirectory(api: ApiClient, domain: string, total: number) {
  await waitFor(
    `the directory to hold ${total} lead(s) at ${domain}`,
    async () => {
      const result = await api.get('/v1/domain-search', { query: { domain } });
      return (result.body as { total?: number }).total === total ? true : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );
}

export interface LeadInput {
  email: string;
  first_name?: string | null;
  last_name?: string | null;
  position?: string | null;
  phone?: string | null;
  company?: string | null;
}

let clock = 0;

/** A save_lead event as leads-service publishes it; each one made later than the one before. */
export function saveLeadEvent(
  accountId: string,
  leadId: string,
  version: number,
  lead: LeadInput,
  eventId: string = randomUUID(),
): SaveLeadEvent {
  return {
    eventId,
    type: 'save_lead',
    accountId,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + 1000 * ++clock).toISOString(),
    aggregateId: leadId,
    aggregateVersion: version,
    payload: {
      data: {
        email: lead.email,
        website: '',
        company: lead.company ?? null,
        first_name: lead.first_name ?? null,
        last_name: lead.last_name ?? null,
        phone: lead.phone ?? null,
        position: lead.position ?? null,
        twitter: null,
        linkedin: null,
        notes: null,
        score: 0,
      },
    },
  };
}
