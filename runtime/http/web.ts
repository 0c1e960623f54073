/**
 * Serves the built web pages (`web/dist`): static files, `staff.html` for `/staff` and `/staff/*`, and
 * `index.html` for every other non-API page, so client-side routes survive a reload; and the studio (`studio/dist`)
 * at `/studio`, its own build. Builds either once with Vite when it is missing. A page file the build compressed
 * (`x.js.br`, `x.js.gz` beside `x.js`: web/build/precompress.ts) is sent compressed when the client accepts it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';

/**
 * True when the request is a GET/HEAD for a page: outside `/api` and `/openapi.json`, for a path whose last segment
 * names no file (`/apply/x`, not `/favicon.ico` nor a missing `/assets/x.js`, which stay 404s), from a client that
 * takes HTML: a browser's `text/html`, curl's default (any type) or no Accept header at all, as any static host
 * answers them; a client asking for JSON only gets the JSON 404 instead.
 */
function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path.startsWith('/api/') || req.path === '/api' || req.path === '/openapi.json') return false;
  if (/\.[A-Za-z0-9]+$/.test(req.path.slice(req.path.lastIndexOf('/')))) return false;
  return req.accepts('html') === 'html';
}

/** The encodings of precompressed files, in order of preference. */
const ENCODINGS = [
  { name: 'br', ext: '.br' },
  { name: 'gzip', ext: '.gz' },
] as const;

/**
 * Sends `file` as its precompressed copy when there is one the client accepts (with the original's type, and
 * `Vary: Accept-Encoding`); false when there is none, and the caller sends `file` itself.
 */
function sendPrecompressed(req: Request, res: Response, file: string, cacheControl?: string): boolean {
  // Our preference (brotli, the smaller) among those the client accepts at all, whatever order it lists them in.
  const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name);
  if (!encoding || !existsSync(file + encoding.ext)) return false;
  res.vary('Accept-Encoding');
  res.type(path.extname(file));
  res.setHeader('Content-Encoding', encoding.name);
  if (cacheControl) res.setHeader('Cache-Control', cacheControl);
  res.sendFile(file + encoding.ext, { cacheControl: !cacheControl, maxAge: cacheControl ? undefined : '1h' });
  return true;
}

/**
 * A router for the built pages in `dist`; answers 503 with a plain explanation when they are not built. With
 * `precompressed`, files the build compressed are sent compressed.
 */
export function webRouter(dist: string, options: { precompressed?: boolean } = {}): Router {
  const router = express.Router();
  const root = path.resolve(dist);
  if (options.precompressed)
    router.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
      let file: string;
      try {
        file = path.join(root, path.normalize(decodeURIComponent(req.path)));
      } catch {
        return next(); // a malformed address: the static files answer it
      }
      if (!file.startsWith(root + path.sep) || !sendPrecompressed(req, res, file)) return next();
    });
  router.use(
    express.static(dist, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    const entry = req.path === '/staff' || req.path.startsWith('/staff/') ? 'staff.html' : 'index.html';
    const file = path.join(dist, entry);
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send(`The web pages are not built (${file} is missing). Run: npm run build:web`);
      return;
    }
    if (options.precompressed && sendPrecompressed(req, res, file, 'no-cache')) return;
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  });
  return router;
}

/**
 * The studio under `/studio` (mounted there): its static files (`/studio/assets/…`, content-hashed, cached a year)
 * and `index.html` for every studio page, so its client-side routes survive a reload.
 */
export function studioRouter(dist: string): Router {
  const router = express.Router();
  router.use(
    express.static(dist, {
      index: false,
      redirect: false,
      maxAge: '1y',
      immutable: true,
      setHeaders: (res, file) => {
        if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/assets/')) return next();
    const file = path.join(dist, 'index.html');
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send(`The studio is not built (${file} is missing). Run: npm run build:studio`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(file);
  });
  return router;
}

/**
 * Builds `web/` (or `studio/`) with Vite when `dist` has no index.html; logs what it does. Never throws: the API
 * works without pages.
 */
export async function buildWebIfMissing(root: string, dist: string, log: Logger, app: 'web' | 'studio' = 'web'): Promise<void> {
  if (existsSync(path.join(dist, 'index.html'))) return;
  const appRoot = path.join(root, app);
  const configFile = path.join(appRoot, 'vite.config.ts');
  const what = app === 'web' ? 'web pages' : 'studio';
  if (!existsSync(configFile)) {
    log.warn({ configFile }, `the ${what} are not built and ${app}/vite.config.ts is missing; serving without them`);
    return;
  }
  console.log(`The ${what} ${app === 'web' ? 'are' : 'is'} not built yet; building once with Vite (${appRoot} → ${dist})…`);
  try {
    const vite = await import('vite');
    await vite.build({ root: appRoot, configFile, logLevel: 'warn', build: { outDir: dist } });
    console.log(`${app === 'web' ? 'Web pages' : 'Studio'} built.`);
  } catch (err) {
    log.error({ err }, `building the ${what} failed; serving without them`);
  }
}
