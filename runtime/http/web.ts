/**
 * Serves the built web pages (`web/dist`): static files, `staff.html` for `/staff` and `/staff/*`, and
 * `index.html` for every other non-API page, so client-side routes survive a reload. Builds the pages once with
 * Vite when they are missing.
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
  router.use(express.static(dist, { index: false, maxAge: '1h', setHeaders: (res, file) => { if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache'); } }));
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

/** Builds `web/` with Vite when `dist` has no index.html; logs what it does. Never throws: the API works without pages. */
export async function buildWebIfMissing(root: string, dist: string, log: Logger): Promise<void> {
  if (existsSync(path.join(dist, 'index.html'))) return;
  const webRoot = path.join(root, 'web');
  const configFile = path.join(webRoot, 'vite.config.ts');
  if (!existsSync(configFile)) {
    log.warn({ configFile }, 'web pages are not built and web/vite.config.ts is missing; serving the API only');
    return;
  }
  console.log(`The web pages are not built yet; building them once with Vite (${webRoot} → ${dist})…`);
  try {
    const vite = await import('vite');
    await vite.build({ root: webRoot, configFile, logLevel: 'warn' });
    console.log('Web pages built.');
  } catch (err) {
    log.error({ err }, 'building the web pages failed; serving the API only');
  }
}
