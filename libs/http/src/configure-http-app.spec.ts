import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { z } from 'zod';
import { configureHttpApp } from './configure-http-app';
import { createLogger } from './logger';
import { ZodValidationPipe } from './zod-validation.pipe';

const Echo = z.strictObject({ name: z.string().max(10), age: z.number().int().optional() });

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body(new ZodValidationPipe(Echo)) body: z.infer<typeof Echo>): z.infer<typeof Echo> {
    return body;
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('down')
  down(): never {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  }

  @Get('items/:id')
  item(@Param('id', new ZodValidationPipe(z.uuid())) id: string): { id: string } {
    return { id };
  }

  @Get('items')
  items(
    @Query(new ZodValidationPipe(z.strictObject({ tag: z.string().optional() }))) query: object,
  ): object {
    return query;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe(configureHttpApp.name, () => {
  let app: NestExpressApplication;
  let base: string;
  /** What the requestMetrics hook saw end: `status path`. */
  const measured: string[] = [];

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(EchoModule, {
      bodyParser: false,
      logger: false,
    });
    configureHttpApp(app, {
      logger: createLogger({ name: 'test', level: 'silent' }),
      bodyLimitBytes: 1024,
      dependencyOutages: [
        (error) => ((error as { code?: string }).code === 'ECONNREFUSED' ? 'database' : undefined),
      ],
      requestMetrics: (request, response, next) => {
        response.once('close', () => measured.push(`${response.statusCode} ${request.url}`));
        next();
      },
    });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
  });

  const post = (
    body: string,
    headers: Record<string, string> = { 'content-type': 'application/json' },
  ) => fetch(`${base}/echo`, { method: 'POST', body, headers });
  const postBytes = (body: Buffer, headers: Record<string, string>) =>
    fetch(`${base}/echo`, { method: 'POST', body, headers });
  const json = { 'content-type': 'application/json' };

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('reads a %s body', async (encoding, compress) => {
    const response = await postBytes(compress('{"name":"ada"}'), {
      ...json,
      'content-encoding': encoding,
    });
    expect(response.status).toBe(201);
  });

  it('passes a valid body through the pipe and echoes a request id', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      body: JSON.stringify({ name: 'ada' }),
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-1');
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(await response.json()).toEqual({ name: 'ada' });
  });

  it('replaces a request id it cannot trust', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'x-request-id': 'a b\tc' },
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each<[string, () => Promise<Response>, number, Record<string, unknown>]>([
    ['malformed JSON', () => post('{"name": '), 400, { code: 'malformed_json' }],
    [
      'a body over the limit',
      () => post(JSON.stringify({ name: 'x'.repeat(2000) })),
      413,
      { code: 'payload_too_large' },
    ],
    [
      'a non-JSON content type',
      () => post('name=ada', { 'content-type': 'text/plain' }),
      415,
      { code: 'unsupported_media_type' },
    ],
    [
      'an unknown field',
      () => post(JSON.stringify({ name: 'a', extra: 1 })),
      400,
      { code: 'validation_failed', field: 'extra' },
    ],
    [
      'a wrong type',
      () => post(JSON.stringify({ name: 'a', age: 'x' })),
      400,
      { field: 'age', message: 'age must be a number' },
    ],
    ['a missing field', () => post('{}'), 400, { field: 'name', message: 'name is required' }],
    ['a JSON array', () => post('[]'), 400, { code: 'validation_failed' }],
    ['an unknown route', () => fetch(`${base}/nowhere`), 404, { code: 'not_found' }],
    ...(['gzip', 'deflate', 'br'] as const).map(
      (encoding) =>
        [
          `a ${encoding} body that does not decompress`,
          () => post('{"name":"ada"}', { ...json, 'content-encoding': encoding }),
          400,
          { code: 'malformed_json', message: expect.stringContaining('Content-Encoding') },
        ] as [string, () => Promise<Response>, number, Record<string, unknown>],
    ),
    [
      'a gzip body that decompresses to something else than JSON',
      () => postBytes(gzipSync('not json'), { ...json, 'content-encoding': 'gzip' }),
      400,
      { code: 'malformed_json' },
    ],
    [
      'an unknown Content-Encoding',
      () => post('{"name":"ada"}', { ...json, 'content-encoding': 'compress' }),
      415,
      { code: 'unsupported_media_type', message: expect.stringContaining('gzip, deflate, br') },
    ],
    [
      'bytes that are not UTF-8',
      () =>
        postBytes(
          Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]),
          json,
        ),
      400,
      { code: 'malformed_json', message: 'Request body is not valid UTF-8' },
    ],
    [
      'bytes that are not UTF-8, gzipped',
      () =>
        postBytes(gzipSync(Buffer.from('{"name":"\xc3"}', 'latin1')), {
          ...json,
          'content-encoding': 'gzip',
        }),
      400,
      { code: 'malformed_json', message: 'Request body is not valid UTF-8' },
    ],
    [
      'a lone surrogate in a string',
      () => post('{"name":"a\\ud800"}'),
      400,
      { code: 'validation_failed', field: 'name', message: expect.stringContaining('surrogate') },
    ],
    [
      'a lone surrogate in a key',
      () => post('{"\\udc00":1}'),
      400,
      { code: 'validation_failed', field: '\udc00' },
    ],
    [
      'a NUL in a string',
      () => post('{"name":"a\\u0000"}'),
      400,
      { code: 'validation_failed', field: 'name', message: expect.stringContaining('NUL') },
    ],
    [
      'a NUL in a path parameter',
      () => fetch(`${base}/echo/items/%00`),
      400,
      { code: 'validation_failed', field: 'id', message: expect.stringContaining('NUL') },
    ],
    [
      'a path parameter its schema refuses',
      () => fetch(`${base}/echo/items/123`),
      400,
      { code: 'validation_failed', field: 'id' },
    ],
    [
      'a query parameter that is not UTF-8 once decoded',
      () => fetch(`${base}/echo/items?tag=%FF`),
      400,
      { code: 'validation_failed', field: 'tag' },
    ],
    [
      'an encoded lone surrogate in a query parameter',
      () => fetch(`${base}/echo/items?a=1&tag=x%ED%A0%80`),
      400,
      { code: 'validation_failed', field: 'tag' },
    ],
    [
      'a NUL in a query parameter',
      () => fetch(`${base}/echo/items?tag=%00`),
      400,
      { code: 'validation_failed', field: 'tag' },
    ],
  ])('answers %s with the one error shape', async (_case, call, status, expected) => {
    const response = await call();
    expect(response.status).toBe(status);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ statusCode: status, ...expected });
    expect(
      Object.keys(body).every((key) => ['statusCode', 'code', 'message', 'field'].includes(key)),
    ).toBe(true);
  });

  it('lets requestMetrics see requests refused before routing, and routed ones', async () => {
    measured.length = 0;
    await post(JSON.stringify({ name: 'x'.repeat(2000) }));
    await post('name=ada', { 'content-type': 'text/plain' });
    await post(JSON.stringify({ name: 'ada' }));
    await new Promise((resolve) => setTimeout(resolve, 50)); // `close` follows the last byte
    expect(measured).toEqual(['413 /echo', '415 /echo', '201 /echo']);
  });

  it('passes a well-encoded query through, + as a space and UTF-8 included', async () => {
    const response = await fetch(`${base}/echo/items?tag=caf%C3%A9+%F0%9F%98%80`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ tag: 'caf\u00e9 \u{1F600}' });
  });

  it('answers a dependency outage with 503 and Retry-After, leaking nothing', async () => {
    const response = await fetch(`${base}/echo/down`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      statusCode: 503,
      code: 'service_unavailable',
      message: expect.stringContaining('database'),
    });
  });

  it('answers a bug with a bare 500 that leaks nothing', async () => {
    const response = await fetch(`${base}/echo/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      statusCode: 500,
      code: 'internal_error',
      message: 'Internal server error',
    });
  });
});
