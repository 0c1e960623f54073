/**
 * Serves the built web pages (`web/dist`): static files, `staff.html` for `/staff` and `/staff/*`, and
 * `index.html` for every other non-API page, so client-side routes survive a reload; and the studio (`studio/dist`)
 * at `/studio`, its own build. Builds either once with Vite when it is missing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';

/** True when the request is a GET/HEAD for a page (accepts html) outside `/api` and `/openapi.json`. */
function wantsPage(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (req.path.startsWith('/api/') || req.path === '/api' || req.path === '/openapi.json') return false;
  return !!req.accepts('html') && (req.headers.accept ?? '').includes('text/html');
}

/** A router for the built pages in `dist`; answers 503 with a plain explanation when they are not built. */
export function webRouter(dist: string): Router {
  const router = express.Router();
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
