import 'reflect-metadata';
import { configCheckRequested } from '@leadhooks/config';
import { createGatewayApp } from './app/create-app';
import { gatewayConfigFromProcessEnv } from './config/gateway.config';

async function main(): Promise<void> {
  const config = gatewayConfigFromProcessEnv();
  if (configCheckRequested('gateway')) return;
  const { app, logger } = await createGatewayApp(config);
  await app.listen(config.GATEWAY_PORT, config.HOST);
  logger.info({ port: config.GATEWAY_PORT, host: config.HOST, docs: '/docs' }, 'gateway listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `gateway failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
