import { AccountsService, type IssuedApiKey } from '@leadhooks/auth';
import { createLogger } from '@leadhooks/http';
import { KafkaClient } from '@leadhooks/kafka';
import { listenOnLoopback, testLogLevel } from '@leadhooks/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import type { OutboundOverrides } from '../../src/app/app.module';
import { createDispatcherApp } from '../../src/app/create-app';
import { dispatcherConfig } from '../../src/config/dispatcher.config';
import { KafkaConnection } from '../../src/kafka/kafka.providers';

export interface DispatcherTestApp {
  app: NestExpressApplication;
  baseUrl: string;
  dataSource: DataSource;
  /** The app's own Kafka client (its namespace). */
  kafka: KafkaClient;
  createAccount(name: string): Promise<IssuedApiKey>;
  close(): Promise<void>;
}

/** The real service, in process, listening on a free port of 127.0.0.1. */
export async function startDispatcherTestApp(
  env: Record<string, string>,
  outbound: OutboundOverrides = {},
): Promise<DispatcherTestApp> {
  const config = dispatcherConfig(env);
  const { app } = await createDispatcherApp(config, {
    logger: createLogger({ name: 'dispatcher', level: testLogLevel('DISPATCHER_TEST_LOG_LEVEL') }),
    outbound,
  });
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
