import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  requireTestEnv,
  startAppProcess,
  uniqueName,
  workspaceRoot,
  type AppProcess,
  type TestDatabase,
} from '@leadhooks/testing';

const run = promisify(execFile);

/** The real system behind the gateway: leads-service, dispatcher and gateway processes. */
export interface ConsoleStack {
  gateway: string;
  /** A new account and its API key, through `npm run account:create`. */
  createAccount(name: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Builds the console with Nx (cached when unchanged), then starts the apps on the run's
 * private Kafka and Postgres, with short retry delays so a failing delivery is a dead
 * letter within seconds, and with webhooks to http://127.0.0.1 allowed.
 */
export async function startConsoleStack(): Promise<ConsoleStack> {
  await run('npx', ['nx', 'build', 'console', '--output-style=static'], {
    cwd: workspaceRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const database: TestDatabase = await createTestDatabase('console');
  const shared = {
    DATABASE_URL: database.url,
    KAFKA_BROKERS: requireTestEnv('KAFKA_BROKERS'),
    KAFKA_NAMESPACE: uniqueName('console'),
  };
  const apps: AppProcess[] = [];
  const stop = async () => {
    for (const app of apps.reverse()) await app.stop();
    await database.drop();
  };
  try {
    const leads = await startAppProcess({
      app: 'leads-service',
      portVariable: 'PORT',
      env: { ...shared, OUTBOX_POLL_INTERVAL_MS: '200' },
      readyPath: '/health/live',
    });
    apps.push(leads);
    const dispatcher = await startAppProcess({
      app: 'dispatcher',
      portVariable: 'DISPATCHER_PORT',
      env: {
        ...shared,
        WEBHOOK_ALLOW_HTTP: 'true',
        WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
        WEBHOOK_RETRY_DELAYS: '300ms,300ms,300ms',
        WEBHOOK_RETRY_JITTER_RATIO: '0',
        DISPATCHER_RETRY_POLL_MS: '100',
      },
    });
    apps.push(dispatcher);
    const gateway = await startAppProcess({
      app: 'gateway',
      portVariable: 'GATEWAY_PORT',
      env: {
        LEADS_SERVICE_URL: leads.baseUrl,
        DISPATCHER_URL: dispatcher.baseUrl,
        // Not started: the console does not call the lookups.
        LOOKUP_SERVICE_URL: 'http://127.0.0.1:9',
      },
      readyPath: '/health/live',
    });
    apps.push(gateway);
    return {
      gateway: gateway.baseUrl,
      createAccount: async (name) => {
        const { stdout } = await run(
          'npm',
          ['run', '--silent', 'account:create', '--', '--name', name],
          {
            cwd: workspaceRoot,
            env: {
              PATH: process.env.PATH ?? '',
              HOME: process.env.HOME ?? '',
              DATABASE_URL: database.url,
            },
          },
        );
        const key = /^api_key=(.+)$/m.exec(stdout)?.[1];
        if (!key) throw new Error(`account:create printed no api_key:\n${stdout}`);
        return key;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
