import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fillPath, LeadhooksApiError, LeadhooksClient } from './client';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: string;
}

/** A loopback server that records the request and answers what the test gives it. */
async function answering(status: number, body: unknown, headers: Record<string, string> = {}) {
  const seen: Seen = { body: '' };
  const server: Server = createServer((request: IncomingMessage, response) => {
    seen.method = request.method;
    seen.url = request.url;
    seen.authorization = request.headers.authorization;
    request.on('data', (chunk: Buffer) => (seen.body += chunk.toString('utf8')));
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe(LeadhooksClient.name, () => {
  it('sends the key, the filled path, the query and the body, and returns the answer', async () => {
    const lead = { id: 'l1' };
    const server = await answering(201, lead);
    try {
      const client = new LeadhooksClient({ baseUrl: server.url, apiKey: 'lh_test' });
      const answer = await client.patch('/v1/leads/{id}', {
        path: { id: 'a/b' },
        body: { score: 3 },
      });
      expect(answer).toEqual(lead);
      expect(server.seen).toEqual({
        method: 'PATCH',
        url: '/v1/leads/a%2Fb',
        authorization: 'Bearer lh_test',
        body: JSON.stringify({ score: 3 }),
      });
    } finally {
      await server.close();
    }
  });

  it('turns an error answer into LeadhooksApiError with the error body and Retry-After', async () => {
    const error = { statusCode: 503, error: 'Service Unavailable', message: 'database down' };
    const server = await answering(503, error, { 'retry-after': '5' });
    try {
      const client = new LeadhooksClient({ baseUrl: server.url });
      const call = client.get('/v1/deliveries', { query: { limit: 10 } });
      await expect(call).rejects.toBeInstanceOf(LeadhooksApiError);
      await expect(call).rejects.toMatchObject({ status: 503, body: error, retryAfterSeconds: 5 });
      expect(server.seen.url).toBe('/v1/deliveries?limit=10');
    } finally {
      await server.close();
    }
  });

  it('answers undefined for a 204', async () => {
    const server = await answering(204, undefined);
    try {
      const client = new LeadhooksClient({ baseUrl: server.url });
      await expect(client.delete('/v1/webhooks/{id}', { path: { id: 'w1' } })).resolves.toBe(
        undefined,
      );
    } finally {
      await server.close();
    }
  });

  it('refuses at compile time what the document does not allow', () => {
    const client = new LeadhooksClient({ baseUrl: 'http://127.0.0.1:9' });
    const typeOnly = () => {
      // @ts-expect-error no such operation
      void client.get('/v1/nope', {});
      // @ts-expect-error the body of a lead has no such field
      void client.post('/v1/leads', { body: { not_a_field: 1 } });
      // @ts-expect-error a path parameter is required
      void client.get('/v1/webhooks/{id}', {});
    };
    expect(typeof typeOnly).toBe('function');
  });
});

describe(fillPath.name, () => {
  it.each([
    ['/v1/webhooks/{id}', { id: '../../admin' }, '/v1/webhooks/..%2F..%2Fadmin'],
    ['/v1/webhooks/{id}/test', { id: '?x=1#y' }, '/v1/webhooks/%3Fx%3D1%23y/test'],
    ['/v1/leads', {}, '/v1/leads'],
  ])('fills %s so a hostile value stays inside its segment', (template, values, expected) => {
    expect(fillPath(template, values)).toBe(expected);
  });

  it('throws for a missing path parameter rather than calling the template', () => {
    expect(() => fillPath('/v1/webhooks/{id}', {})).toThrow('path parameter id is missing');
  });
});
