/**
 * The interactive API reference at `/api/docs`: swagger-ui-dist served from node_modules (no CDN), pointed at
 * `/openapi.json`. The page's script is a file, so the strict Content-Security-Policy holds.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Mandate API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body></html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** A router serving the reference page, its init script and swagger-ui's assets. */
export function docsRouter(): Router {
  const router = express.Router();
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/api/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT);
  });
  router.use('/api/docs/assets', express.static(dist, { index: false, maxAge: '1d' }));
  return router;
}
