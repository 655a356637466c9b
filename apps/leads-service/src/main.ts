import 'reflect-metadata';
import { configCheckRequested } from '@leadhooks/config';
import { createLeadsApp } from './app/create-app';
import { leadsConfigFromProcessEnv } from './config/leads.config';

async function main(): Promise<void> {
  const config = leadsConfigFromProcessEnv();
  if (configCheckRequested('leads-service')) return;
  const { app, logger } = await createLeadsApp(config);
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT, host: config.HOST, docs: '/docs' }, 'leads-service listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `leads-service failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
