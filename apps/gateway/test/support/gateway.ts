import type { INestApplication } from '@nestjs/common';
import { listenOnLoopback } from '@leadhooks/testing';
import { createGatewayApp } from '../../src/app/create-app';
import { gatewayConfig } from '../../src/config/gateway.config';

export interface RunningGateway {
  app: INestApplication;
  url(path: string): string;
  close(): Promise<void>;
}

/** The real gateway app on a free loopback port, pointed at the given upstream URLs. */
export async function startGateway(env: Record<string, string>): Promise<RunningGateway> {
  const config = gatewayConfig({ LOG_LEVEL: 'silent', ...env });
  const { app } = await createGatewayApp(config);
  const { baseUrl, close } = await listenOnLoopback(app);
  return { app, url: (path) => `${baseUrl}${path}`, close };
}
