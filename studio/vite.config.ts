/**
 * Vite build of the studio (`studio/`), the analysts' app, served by the runtime at `/studio`: its own build with
 * base `/studio/`, so its files (monaco-editor and its workers among them) live under `/studio/assets/` and never
 * reach the applicant pages, and the runtime can give the studio route its own Content-Security-Policy.
 *
 * Run: `npm run build:studio` (or `npx vite --config studio/vite.config.ts` for a dev server proxying `/api` to
 * `MANDATE_API` or http://127.0.0.1:3000).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/studio/',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      input: { studio: fileURLToPath(new URL('./index.html', import.meta.url)) },
    },
  },
  server: {
    proxy: { '/api': process.env.MANDATE_API ?? 'http://127.0.0.1:3000' },
  },
});
