import 'reflect-metadata';
import { configCheckRequested } from '@leadhooks/config';
import { createLookupApp } from './app/create-app';
import { lookupConfigFromProcessEnv } from './config/lookup.config';

async function main(): Promise<void> {
  const config = lookupConfigFromProcessEnv();
  if (configCheckRequested('lookup-service')) return;
  const { app, logger } = await createLookupApp(config);
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT, host: config.HOST, docs: '/docs' }, 'lookup-service listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `lookup-service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
