import { AccountsService, type IssuedApiKey } from '@leadhooks/auth';
import { createLogger, type LogLevel } from '@leadhooks/http';
import { KafkaClient } from '@leadhooks/kafka';
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

// Quiet by default; DISPATCHER_TEST_LOG_LEVEL=debug shows the service's logs while debugging.
const logLevel = (process.env.DISPATCHER_TEST_LOG_LEVEL ?? 'silent') as LogLevel;

/** The real service, in process, listening on a free port of 127.0.0.1. */
export async function startDispatcherTestApp(
  env: Record<string, string>,
  outbound: OutboundOverrides = {},
): Promise<DispatcherTestApp> {
  const config = dispatcherConfig(env);
  const { app } = await createDispatcherApp(config, {
    logger: createLogger({ name: 'dispatcher', level: logLevel }),
    outbound,
  });
  await app.listen(0, '127.0.0.1');
  const dataSource = app.get(DataSource);
  return {
    app,
    baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    dataSource,
    kafka: app.get(KafkaConnection).client,
    createAccount: async (name) =>
      (await new AccountsService(dataSource).createAccountWithKey(name)).apiKey,
    close: () => app.close(),
  };
}
