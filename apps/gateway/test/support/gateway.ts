import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
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
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return {
    app,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    close: async () => {
      // Keep-alive connections of the test's fetch would hold close() for their idle timeout.
      const closing = app.close();
      (app.getHttpServer() as Server).closeAllConnections();
      await closing;
    },
  };
}
