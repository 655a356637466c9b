import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** Where `nx build console` writes the app (dist/apps/console at the workspace root). */
export const builtConsoleDir = resolve(__dirname, '../../../../dist/apps/console');

// The console loads only its own files and calls only this origin.
const contentSecurityPolicy =
  "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The web console under /console, from the files `nx build console` wrote: hashed assets
 * as they are (cached a year), index.html for every other GET below /console (the app
 * routes on the URL hash), never cached so a new build shows at once. Served from the
 * API's origin, so the console's calls need no CORS. Before the console is built it
 * answers 503 saying how to build it.
 */
export function consoleRouter(dir: string = builtConsoleDir): Router {
  const router = express.Router();
  const index = join(dir, 'index.html');
  router.use((_request: Request, response: Response, next: NextFunction) => {
    response.set('content-security-policy', contentSecurityPolicy);
    response.set('x-content-type-options', 'nosniff');
    response.set('referrer-policy', 'no-referrer');
    next();
  });
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d' }));
  router.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.path.startsWith('/assets/');
    if (!isPage) return next();
    if (!existsSync(index)) {
      response
        .status(503)
        .set('retry-after', '60')
        .type('text/plain')
        .send('The console is not built: run `npx nx build console`, then reload.\n');
      return;
    }
    response.set('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return router;
}
