import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TestCertificates } from './test-ca';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type ReceiverHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => void;

/** A test HTTP(S) server on 127.0.0.1 that records what reaches it. */
export interface Receiver {
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted (for HTTPS, before any TLS). */
  readonly connections: () => number;
  url(path?: string, host?: string): string;
  close(): Promise<void>;
}

export function startHttpsReceiver(
  tls: TestCertificates,
  handler: ReceiverHandler,
): Promise<Receiver> {
  return listen(https.createServer({ key: tls.key, cert: tls.cert }), 'https', handler);
}

export function startHttpReceiver(handler: ReceiverHandler): Promise<Receiver> {
  return listen(http.createServer(), 'http', handler);
}

async function listen(
  server: http.Server,
  scheme: 'http' | 'https',
  handler: ReceiverHandler,
): Promise<Receiver> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    requests,
    connections: () => connections,
    url: (path = '/', host = '127.0.0.1') => `${scheme}://${host}:${port}${path}`,
    close: () => closeServer(server, () => server.closeAllConnections()),
  };
}

/** Accepts TCP connections and never says a word: a TLS handshake against it hangs. */
export async function startSilentTcpServer(): Promise<{
  port: number;
  connections: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  const port = await listenOnLoopback(server);
  return {
    port,
    connections: () => sockets.size,
    close: () => closeServer(server, () => sockets.forEach((socket) => socket.destroy())),
  };
}

/** A port on 127.0.0.1 that nothing listens on (taken, then released). */
export async function closedLoopbackPort(): Promise<number> {
  const server = net.createServer();
  const port = await listenOnLoopback(server);
  await closeServer(server, () => undefined);
  return port;
}

function listenOnLoopback(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: net.Server, dropConnections: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    dropConnections();
  });
}
