import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { listenOnLoopback } from '@leadhooks/testing';
import { createGatewayApp } from '../../src/app/create-app';
import { gatewayConfig } from '../../src/config/gateway.config';

export interface RunningGateway {
  app: INestApplication;
  port: number;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * The real gateway app on a free loopback port, pointed at the given upstream URLs;
 * logging to `logger` when a spec reads the log.
 */
export async function startGateway(
  env: Record<string, string>,
  logger?: Logger,
): Promise<RunningGateway> {
  const config = gatewayConfig({ LOG_LEVEL: 'silent', ...env });
  const { app } = await createGatewayApp(config, logger);
  const { baseUrl, port, close } = await listenOnLoopback(app);
  return { app, port, url: (path) => `${baseUrl}${path}`, close };
}
