import 'reflect-metadata';
import { configCheckRequested } from '@leadhooks/config';
import { createDispatcherApp } from './app/create-app';
import { dispatcherConfigFromProcessEnv } from './config/dispatcher.config';

async function main(): Promise<void> {
  const config = dispatcherConfigFromProcessEnv();
  if (configCheckRequested('dispatcher')) return;
  const { app, logger } = await createDispatcherApp(config);
  await app.listen(config.DISPATCHER_PORT, config.HOST);
  logger.info(
    { port: config.DISPATCHER_PORT, host: config.HOST, docs: '/docs' },
    'dispatcher listening',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dispatcher failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
