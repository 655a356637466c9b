import { logLevels } from '@leadhooks/config';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TestLogLevel = (typeof logLevels)[number];

/**
 * The log level of an app started in a spec: silent unless `variable` (e.g.
 * `LEADS_TEST_LOG_LEVEL=debug`) asks for more while a spec is being debugged.
 */
export function testLogLevel(variable: string): TestLogLevel {
  const value = process.env[variable] ?? 'silent';
  const level = logLevels.find((known) => known === value);
  if (level === undefined)
    throw new Error(`${variable} must be one of ${logLevels.join(', ')}, not "${value}"`);
  return level;
}

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>`, whatever address family Node reports. */
  readonly baseUrl: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Makes a created Nest app listen on a free port of 127.0.0.1, as every app's e2e specs run it. */
export async function listenOnLoopback(app: INestApplication): Promise<LoopbackListener> {
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as Server;
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      // A spec's keep-alive connections (fetch pools them) would hold close() for their idle timeout.
      const closing = app.close();
      server.closeAllConnections();
      await closing;
    },
  };
}
