import { AccountsService, type IssuedApiKey } from '@leadhooks/auth';
import { createLogger } from '@leadhooks/http';
import { KafkaClient, platformTopicSpecs } from '@leadhooks/kafka';
import { Topics } from '@leadhooks/contracts';
import { listenOnLoopback, testLogLevel } from '@leadhooks/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createLeadsApp } from '../../src/app/create-app';
import { leadsConfig } from '../../src/config/leads.config';
import { KafkaConnection } from '../../src/kafka/kafka.providers';

export interface LeadsTestApp {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  /** The app's own Kafka client (its namespace). */
  kafka: KafkaClient;
  createAccount(name: string): Promise<IssuedApiKey>;
  close(): Promise<void>;
}

/** The real service, in process, listening on a free port of 127.0.0.1. */
export async function startLeadsTestApp(env: Record<string, string>): Promise<LeadsTestApp> {
  const config = leadsConfig({ OUTBOX_POLL_INTERVAL_MS: '500', ...env });
  const { app } = await createLeadsApp(
    config,
    createLogger({ name: 'leads-service', level: testLogLevel('LEADS_TEST_LOG_LEVEL') }),
  );
  const { baseUrl, close } = await listenOnLoopback(app);
  const dataSource = app.get(DataSource);
  return {
    app,
    baseUrl,
    dataSource,
    kafka: app.get(KafkaConnection).client,
    createAccount: async (name) =>
      (await new AccountsService(dataSource).createAccountWithKey(name)).apiKey,
    close,
  };
}

/** A client of the test's own, in the app's namespace, with leads.save_lead provisioned. */
export async function testKafkaClient(brokers: string[], namespace: string): Promise<KafkaClient> {
  const kafka = new KafkaClient({ brokers, clientId: 'leads-e2e', namespace, logLevel: 'nothing' });
  await kafka.ensureTopics(platformTopicSpecs().filter((spec) => spec.topic === Topics.saveLead));
  return kafka;
}
