/**
 * Vite build of the Mandate web pages: two entries, `index.html` (applicants and intermediaries) and `staff.html`
 * (caseworkers and supervisors), built into `web/dist`, which the runtime serves; only the CSS the pages use, each
 * text file also precompressed (web/build/).
 *
 * Run: `npm run build:web` (or `npx vite --config web/vite.config.ts` for a dev server proxying `/api` to
 * `MANDATE_API` or http://127.0.0.1:3000).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { purgeUnusedCss } from './build/purge-css.ts';
import { precompress } from './build/precompress.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // Only the CSS (and fonts) the pages use, and a brotli and a gzip copy of each file: web/build/.
  plugins: [react(), purgeUnusedCss(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        staff: fileURLToPath(new URL('./staff.html', import.meta.url)),
      },
      output: {
        // Code shared by both entries (React, the USWDS stylesheet, the page furniture) gets a plain name.
        chunkFileNames: 'assets/shared-[hash].js',
        assetFileNames: (asset) =>
          (asset.names ?? []).some((n) => n.endsWith('.css')) ? 'assets/mandate-[hash][extname]' : 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MANDATE_API ?? 'http://127.0.0.1:3000' },
  },
});
