/**
 * A Vite build step that writes a brotli (`.br`) and a gzip (`.gz`) copy of each text file of the build (HTML,
 * JavaScript, CSS, SVG, JSON) of 1 kB or more, at the highest levels (done once, so worth it); the server sends
 * them to clients that accept them (runtime/http/web.ts) instead of compressing on every request.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(html|js|mjs|css|svg|json|txt)$/;

/** Writes `file.br` and `file.gz` beside every text file of `dir` (recursively) of at least 1 kB. */
export function precompressFolder(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) precompressFolder(file);
    else if (TEXT.test(entry.name) && statSync(file).size >= 1024) {
      const data = readFileSync(file);
      writeFileSync(
        `${file}.br`,
        brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
      );
      writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
    }
  }
}

/** The Vite plugin (build only): compresses the output folder once it is written. */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'mandate:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressFolder(outDir);
    },
  };
}
