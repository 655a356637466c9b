import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { consoleRouter } from './console-static';

describe(consoleRouter.name, () => {
  let root: string;
  let server: Server;
  let base: string;

  const serve = async (dir: string) => {
    const app = express();
    app.use('/console', consoleRouter(dir));
    app.use((_request, response) => void response.status(404).send('fell through'));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'console-static-'));
    mkdirSync(join(root, 'dist/assets'), { recursive: true });
    writeFileSync(join(root, 'dist/index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(root, 'dist/assets/index-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'outside the build');
  });

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('answers index.html for the app and its deep links, never cached, with a CSP', async () => {
    await serve(join(root, 'dist'));
    for (const path of ['/console', '/console/', '/console/webhooks/x']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>console</title>');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
  });

  it('serves hashed assets for a year and lets a missing one fall through', async () => {
    await serve(join(root, 'dist'));
    const asset = await fetch(`${base}/console/assets/index-abc.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${base}/console/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('fell through');
  });

  it.each([
    '/console/assets/../../secret.txt',
    '/console/assets/%2e%2e/%2e%2e/secret.txt',
    '/console/assets/..%2f..%2fsecret.txt',
    '/console/%2e%2e/secret.txt',
  ])('never serves a file outside the build: %s', async (path) => {
    await serve(join(root, 'dist'));
    const response = await fetch(`${base}${path}`);
    expect(await response.text()).not.toContain('outside the build');
  });

  it('lets anything but GET and HEAD through to the next handler', async () => {
    await serve(join(root, 'dist'));
    const response = await fetch(`${base}/console/`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
  });

  it('answers 503 with Retry-After and how to build when the console is not built', async () => {
    await serve(join(root, 'not-built'));
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.text()).toContain('npx nx build console');
  });
});
