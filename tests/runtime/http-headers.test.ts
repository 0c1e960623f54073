/**
 * The full header set of the server's answers, pinned: an API JSON answer (a read, a write, an error), the applicant
 * page, the reference page and the studio's path, each with and without a client accepting compression. The
 * security headers come from helmet's configuration in `runtime/http/app.ts`; whatever the way they are applied,
 * every answer must carry exactly these. Only the date and the ETag and length of answers whose body varies (an
 * application's id) are masked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import helmet from 'helmet';
import { fixedHeaders } from '../../runtime/http/app.ts';
import { PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

let h: Harness;
beforeAll(async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'mandate-headers-'));
  writeFileSync(path.join(dist, 'index.html'), `<!doctype html><title>applicant pages</title>${'<p>text</p>'.repeat(200)}`);
  writeFileSync(path.join(dist, 'staff.html'), '<!doctype html><title>staff pages</title>');
  // A studio folder with no build in it, whether or not `npm install` built studio/dist.
  h = await startHarness({ webDist: dist, studioDist: mkdtempSync(path.join(os.tmpdir(), 'mandate-headers-studio-')) });
});
afterAll(() => h?.close());

/** The answer's headers in the order they were sent (names lower-cased), with the date replaced. */
function raw(
  method: string,
  p: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: [string, string][] }> {
  return new Promise((resolve, reject) => {
    const url = new URL(h.url + p);
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers: { connection: 'close', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const out: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i].toLowerCase();
            out.push([name, name === 'date' ? '<date>' : res.rawHeaders[i + 1]]);
          }
          resolve({ status: res.statusCode ?? 0, headers: out });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const STRICT_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';connect-src 'self';worker-src 'self'";
const DOCS_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self';worker-src 'self'";
const STUDIO_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self' 'unsafe-eval';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self';worker-src 'self'";

const HELMET_REST: [string, string][] = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0'],
];
const security = (csp: string): [string, string][] => [['content-security-policy', csp], ...HELMET_REST];

/** The headers with the values that vary from one answer to the next masked. */
function masked(headers: [string, string][], alsoMask: string[] = []): [string, string][] {
  return headers.map(([k, v]): [string, string] => [
    k,
    k === 'last-modified' || alsoMask.includes(k) ? `<${k}>` : k === 'ratelimit' ? v.replace(/reset=\d+/, 'reset=<n>') : v,
  ]);
}

describe('the header set of every kind of answer', () => {
  it('an API read (JSON): security headers, no-store, JSON with its ETag, Vary', async () => {
    const r = await raw('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.headers).toEqual([
      ...security(STRICT_CSP),
      ['cache-control', 'no-store'],
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', '28'],
      ['etag', 'W/"1c-6Cj6CGykOTBUqI7qJAXzOp8d3+o"'],
      ['vary', 'Accept-Encoding'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
    // A client holding this answer gets 304.
    const etag = Object.fromEntries(r.headers).etag;
    expect((await raw('GET', '/api/health', { 'if-none-match': etag })).status).toBe(304);
    // Asking for compression changes nothing on an answer under the threshold.
    expect((await raw('GET', '/api/health', { 'accept-encoding': 'gzip, br' })).headers).toEqual(r.headers);
  });

  it('an API write (JSON, 201, with the rate limit it counts against; no ETag: a POST answer is never fresh)', async () => {
    const r = await raw('POST', '/api/applications', { 'content-type': 'application/json' }, JSON.stringify({ programId: PROGRAM_ID }));
    expect(r.status).toBe(201);
    expect(masked(r.headers)).toEqual([
      ...security(STRICT_CSP),
      ['cache-control', 'no-store'],
      ['ratelimit-policy', '100000;w=3600'],
      ['ratelimit', 'limit=100000, remaining=99999, reset=<n>'],
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', '354'],
      ['vary', 'Accept-Encoding'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
  });

  it('an API error (JSON 404)', async () => {
    const r = await raw('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.headers).toEqual([
      ...security(STRICT_CSP),
      ['cache-control', 'no-store'],
      ['vary', 'Accept-Language, Accept-Encoding'],
      ['content-language', 'en'],
      ['content-type', 'application/json; charset=utf-8'],
      ['content-length', '109'],
      ['etag', 'W/"6d-vQi2C0p3hbsQx8h08ege5dCN3Rs"'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
  });

  it('the applicant page, plain and compressed', async () => {
    const plain = await raw('GET', '/', { accept: 'text/html' });
    expect(plain.status).toBe(200);
    expect(masked(plain.headers, ['etag'])).toEqual([
      ...security(STRICT_CSP),
      ['cache-control', 'no-cache'],
      ['accept-ranges', 'bytes'],
      ['last-modified', '<last-modified>'],
      ['etag', '<etag>'],
      ['content-type', 'text/html; charset=utf-8'],
      ['content-length', '2245'],
      ['vary', 'Accept-Encoding'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
    const gzip = await raw('GET', '/', { accept: 'text/html', 'accept-encoding': 'gzip' });
    expect(masked(gzip.headers, ['etag'])).toEqual([
      ...security(STRICT_CSP),
      ['cache-control', 'no-cache'],
      ['accept-ranges', 'bytes'],
      ['last-modified', '<last-modified>'],
      ['etag', '<etag>'],
      ['content-type', 'text/html; charset=utf-8'],
      ['vary', 'Accept-Encoding'],
      ['content-encoding', 'gzip'],
      ['date', '<date>'],
      ['connection', 'close'],
      ['transfer-encoding', 'chunked'],
    ]);
    // A lookalike of the studio's path is an applicant page, with the strict policy.
    expect(masked((await raw('GET', '/studiox', { accept: 'text/html' })).headers, ['etag'])).toEqual(masked(plain.headers, ['etag']));
  });

  it("the reference page's and the studio's own policies", async () => {
    const docs = await raw('GET', '/api/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers).toEqual([
      ...security(DOCS_CSP),
      ['cache-control', 'no-store'],
      ['content-type', 'text/html; charset=utf-8'],
      ['content-length', '320'],
      ['etag', 'W/"140-ENHuYYOYWtoiZU/XnGp56+vqTRQ"'],
      ['vary', 'Accept-Encoding'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
    // This server has no studio built: the studio's path answers 503 saying so, under the studio's policy.
    for (const p of ['/studio', '/studio/x']) {
      const studio = await raw('GET', p, { accept: 'text/html' });
      expect(studio.status).toBe(503);
      expect(studio.headers.slice(0, 12)).toEqual(security(STUDIO_CSP));
    }
    // Its text names the folder (a temp one here), so its length and ETag vary: their presence and place are pinned.
    const studio = (await raw('GET', '/studio/x', { accept: 'text/html' })).headers.slice(12);
    expect(studio.map(([name, value]) => [name, name === 'content-length' || name === 'etag' ? '<varies>' : value])).toEqual([
      ['content-type', 'text/plain; charset=utf-8'],
      ['content-length', '<varies>'],
      ['etag', '<varies>'],
      ['vary', 'Accept-Encoding'],
      ['date', '<date>'],
      ['connection', 'close'],
    ]);
  });
});

describe('fixedHeaders', () => {
  it("records helmet's headers in its order, and refuses a configuration whose headers depend on the request", () => {
    const recorded = fixedHeaders(helmet({ contentSecurityPolicy: false }));
    expect(recorded[0]).toEqual(['Cross-Origin-Opener-Policy', 'same-origin']);
    expect(recorded).toContainEqual(['X-Powered-By', null]);
    const perRequest = helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", (req) => `'nonce-${String(req.headers)}'`] } } });
    expect(() => fixedHeaders(perRequest)).toThrow(/depend on the request/);
  });
});
