import * as net from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a dependency (Postgres) that a spec can take down
 * and bring back: `down()` drops every open connection and refuses new ones, exactly as
 * a stopped server looks to its clients, without stopping the server other specs share.
 */
export interface TcpOutage {
  readonly port: number;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpOutage(target: { host: string; port: number }): Promise<TcpOutage> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };
  const relay = (client: net.Socket) => {
    const server = net.connect(target.port, target.host);
    track(client);
    track(server);
    client.pipe(server).on('close', () => client.destroy());
    server.pipe(client).on('close', () => server.destroy());
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
  };
  let listener: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const server = net.createServer(relay);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as net.AddressInfo).port;
        listener = server;
        resolve();
      });
    });
  const down = async () => {
    const server = listener;
    listener = undefined;
    for (const socket of sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  await listen();
  return {
    get port() {
      return port;
    },
    down,
    up: () => (listener ? Promise.resolve() : listen()),
    close: down,
  };
}
