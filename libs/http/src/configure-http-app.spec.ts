import type { Server } from 'node:http';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { z } from 'zod';
import { configureHttpApp } from './configure-http-app';
import { createLogger } from './logger';
import { serverHeadersTimeoutMs, serverKeepAliveTimeoutMs } from './server-timeouts';
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

  it('keeps idle connections longer than its clients do (explicit keep-alive and header timeouts)', () => {
    const server = app.getHttpServer() as Server;
    expect(server.keepAliveTimeout).toBe(serverKeepAliveTimeoutMs);
    expect(server.headersTimeout).toBe(serverHeadersTimeoutMs);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
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

  it.each([
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
