import { serverKeepAliveTimeoutMs } from '@leadhooks/http';
import { closedLoopbackPort } from '@leadhooks/testing';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { upstreamIdleSocketMs } from '../src/proxy/proxy.handler';
import { type RunningGateway, startGateway } from './support/gateway';

jest.setTimeout(30_000);

/**
 * A service that closes a kept-alive connection just as the gateway sends on it: the
 * second request on any socket is met by a reset instead of an answer. That is the
 * idle-socket race (the service's keep-alive timer fires while the gateway's request is
 * on the wire) made certain instead of rare.
 */
async function startClosingService() {
  const perSocket = new WeakMap<Socket, number>();
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    const count = (perSocket.get(request.socket) ?? 0) + 1;
    perSocket.set(request.socket, count);
    seen.push(`${request.method} ${request.url} #${count}`);
    if (count > 1) {
      request.socket.resetAndDestroy();
      return;
    }
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url: request.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('gateway → service keep-alive', () => {
  let service: Awaited<ReturnType<typeof startClosingService>>;
  let gateway: RunningGateway;

  beforeAll(async () => {
    service = await startClosingService();
    const closed = `http://127.0.0.1:${await closedLoopbackPort()}`;
    gateway = await startGateway({
      LEADS_SERVICE_URL: service.url,
      DISPATCHER_URL: closed,
      LOOKUP_SERVICE_URL: closed,
    });
  });

  afterAll(async () => {
    await gateway?.close();
    await service?.close();
  });

  it('closes an idle socket to a service before the service would', () => {
    // Node's agent also subtracts 1 s from a service's `Keep-Alive: timeout=` hint.
    expect(upstreamIdleSocketMs).toBeLessThan(serverKeepAliveTimeoutMs - 1_000);
  });

  it('sends a GET again, once, when the reused socket was closed under it', async () => {
    service.seen.length = 0;
    expect((await fetch(gateway.url('/v1/leads/1'))).status).toBe(200);
    const second = await fetch(gateway.url('/v1/leads/2?x=1'));
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ url: '/v1/leads/2?x=1' });
    // The reset one, then the same request on a new connection.
    expect(service.seen).toEqual([
      'GET /v1/leads/1 #1',
      'GET /v1/leads/2?x=1 #2',
      'GET /v1/leads/2?x=1 #1',
    ]);
  });

  it('never sends a POST twice: the reset is answered 502', async () => {
    service.seen.length = 0;
    // The previous test left one socket, used once, in the pool.
    const answer = await fetch(gateway.url('/v1/leads'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email":"a@b.test"}',
    });
    expect(answer.status).toBe(502);
    expect(await answer.json()).toMatchObject({ statusCode: 502, code: 'upstream_failed' });
    expect(service.seen).toEqual(['POST /v1/leads #2']);
  });
});
