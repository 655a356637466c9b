import type { ServerResponse } from 'node:http';
import { type Receiver, startHttpReceiver } from '@leadhooks/testing';

/** What a stub service answers: its own name, so a test sees who got the request. */
export interface StubOptions {
  name: string;
  ready?: boolean;
  paths?: Record<string, unknown>;
  /** false: `/docs-json` answers 503. */
  docs?: boolean;
  /** Never answer /v1 requests (for the timeout case). */
  hang?: boolean;
}

/** A stand-in service on loopback: health, docs-json, and an echo of every /v1 request. */
export function startStubService(options: StubOptions): Promise<Receiver> {
  return startHttpReceiver((request, response, body) => {
    const url = request.url ?? '/';
    if (url === '/health/ready')
      return json(response, options.ready === false ? 503 : 200, { status: 'ok' });
    if (url === '/docs-json') {
      return options.docs === false
        ? json(response, 503, {})
        : json(response, 200, docsOf(options));
    }
    if (options.hang) return;
    json(
      response,
      201,
      { service: options.name, method: request.method, url, body: body.toString('utf8') },
      {
        'x-upstream': options.name,
      },
    );
  });
}

function docsOf(options: StubOptions): unknown {
  return {
    openapi: '3.0.0',
    info: { title: options.name, version: '1' },
    paths: options.paths ?? {},
    components: {
      schemas: { Error: { type: 'object' }, [`${options.name}-Thing`]: { type: 'string' } },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

function json(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
