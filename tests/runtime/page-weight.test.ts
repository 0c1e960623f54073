/**
 * Light on a phone (issue 15, item 8) without a browser: the CSS purge keeps the rules the built code can use (class
 * words, prefixes the code completes at run time, classless selectors) and the font faces they ask for; the server
 * sends a page file's precompressed copy with the original's type when the client accepts it, compresses API
 * answers, and sends plain bytes to a client that accepts neither.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import postcss from 'postcss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFolder } from '../../web/build/precompress.ts';
import { purge } from '../../web/build/purge-css.ts';
import { startHarness, type Harness } from './api/harness.ts';

describe('the CSS purge', () => {
  const css = `
    body { margin: 0 }
    .usa-button { color: blue }
    .usa-button:hover, .usa-card { color: red }
    .usa-alert--success, .usa-alert--error { border: 1px }
    .tablet\\:grid-col-6 { width: 50% }
    .usa-hero { background: url(hero.jpg) }
    @media (min-width: 40em) { .usa-hero { padding: 1rem } .usa-button { padding: 2rem } }
    [class*=font-serif-] { font-family: Merriweather Web, serif }
    .usa-prose { font-family: "Source Sans Pro Web", sans-serif; font-weight: 300 }
    @font-face { font-family: "Source Sans Pro Web"; font-weight: 400; src: url(ss-regular.woff2) }
    @font-face { font-family: "Source Sans Pro Web"; font-weight: 300; src: url(ss-light.woff2) }
    @font-face { font-family: "Source Sans Pro Web"; font-weight: 900; src: url(ss-black.woff2) }
    @font-face { font-family: "Roboto Mono Web"; font-weight: 400; src: url(mono.woff2) }
  `;
  const code = 'className:"usa-button usa-prose tablet:grid-col-6",`usa-alert--${type}`';
  const words = new Set(code.match(/[\w:/.-]+/g) ?? []);
  for (const w of [...words]) for (const part of w.split(/[.:/]/)) words.add(part);
  const root = postcss.parse(css);
  purge(root, { words, prefixes: ['usa-alert--'] });
  const out = root.toString();

  it('keeps used classes, prefixed ones and classless selectors; drops the rest, and media queries left empty', () => {
    expect(out).toContain('body { margin: 0 }');
    expect(out).toContain('.usa-button { color: blue }');
    expect(out).toMatch(/\.usa-button:hover \{ color: red \}/); // the unused .usa-card left the list
    expect(out).toContain('.usa-alert--success, .usa-alert--error');
    expect(out).toContain('.tablet\\:grid-col-6');
    expect(out).not.toContain('usa-hero');
    expect(out).toMatch(/@media \(min-width: 40em\) \{\s*\.usa-button/);
  });

  it('keeps the font faces a kept rule can ask for, by family and weight', () => {
    expect(out).toContain('ss-regular.woff2');
    expect(out).toContain('ss-light.woff2');
    expect(out).not.toContain('ss-black.woff2'); // no rule asks for weight 900
    expect(out).not.toContain('mono.woff2'); // no rule names the family
  });
});

describe('compressed answers and precompressed page files', () => {
  let h: Harness;
  const page = `<!doctype html><html><head><title>t</title></head><body>${'<p>Apply for benefits</p>'.repeat(100)}</body></html>`;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  beforeAll(async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'mandate-weight-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), page);
    writeFileSync(path.join(dist, 'staff.html'), page);
    writeFileSync(path.join(dist, 'assets', 'app.js'), script);
    precompressFolder(dist);
    h = await startHarness({ webDist: dist });
  });
  afterAll(() => h.close());

  /** A GET with exactly these request headers (fetch would add its own Accept-Encoding and decode). */
  const get = (p: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(`${h.url}${p}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  it('sends the brotli copy of a page to a client that accepts it, as HTML, varying by encoding', async () => {
    const r = await get('/', { accept: 'text/html', 'accept-encoding': 'gzip, br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers.vary).toMatch(/Accept-Encoding/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(r.body).toString()).toBe(page);
  });

  it('sends the gzip copy of an asset to a gzip-only client, and the plain file to one that accepts neither', async () => {
    const gz = await get('/assets/app.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toMatch(/javascript/);
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const plain = await get('/assets/app.js', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);
  });

  it('compresses API answers of 1 kB or more', async () => {
    const r = await get('/api/programs/emergency-rental-assistance/current', { 'accept-encoding': 'br' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(r.body).toString()).programId).toBe('emergency-rental-assistance');
  });
});
