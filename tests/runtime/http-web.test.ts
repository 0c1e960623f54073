/**
 * Serving the web pages: static assets, `staff.html` for `/staff` and `/staff/*`, `index.html` for other page
 * routes (to browsers, curl's any-type Accept and clients sending none), JSON 404 (never a page) under `/api` and for
 * missing files, `/` as JSON for a client asking for JSON or a server without pages; and the sign-in rate limit.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startHarness, type Harness } from './api/harness.ts';

let h: Harness;
beforeAll(async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'mandate-web-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>applicant pages</title>');
  writeFileSync(path.join(dist, 'staff.html'), '<!doctype html><title>staff pages</title>');
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1);');
  h = await startHarness({ webDist: dist, loginRateLimit: 3 });
});
afterAll(() => h?.close());

async function page(p: string) {
  const res = await fetch(h.url + p, { headers: { accept: 'text/html,application/xhtml+xml' } });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

describe('web pages', () => {
  it('serves index.html for applicant routes and staff.html for staff routes', async () => {
    expect((await page('/')).text).toContain('applicant pages');
    expect((await page('/apply/emergency-rental-assistance/household')).text).toContain('applicant pages');
    expect((await page('/staff')).text).toContain('staff pages');
    expect((await page('/staff/cases/123')).text).toContain('staff pages');
    const asset = await fetch(`${h.url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
  });

  it("answers curl's Accept: */* and a request without Accept with the page, as a browser's text/html", async () => {
    for (const accept of ['*/*', undefined]) {
      for (const [p, title] of [
        ['/', 'applicant pages'],
        ['/staff/cases/123', 'staff pages'],
      ]) {
        const res = await fetch(h.url + p, { headers: accept ? { accept } : {} });
        expect(res.status, `${p} with ${accept}`).toBe(200);
        expect(res.headers.get('content-type')).toContain('text/html');
        expect(await res.text()).toContain(title);
      }
    }
  });

  it('answers a client asking for JSON at / with where the pages and the API are', async () => {
    const res = await fetch(`${h.url}/`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      service: 'Mandate',
      pages: { applicants: '/', staff: '/staff' },
      api: { openapi: '/openapi.json', docs: '/api/docs', health: '/api/health' },
    });
  });

  it('answers a missing file, or a page asked for as JSON, with the JSON 404, never Express\'s "Cannot GET"', async () => {
    for (const [p, accept] of [
      ['/favicon.ico', '*/*'],
      ['/assets/missing.js', '*/*'],
      ['/apply/x', 'application/json'],
    ]) {
      const res = await fetch(h.url + p, { headers: { accept } });
      expect(res.status, p).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('no-page');
      expect(body.error.message).toContain(`GET ${p}`);
    }
  });

  it('never answers an API path with a page', async () => {
    const r = await page('/api/no-such-route');
    expect(r.status).toBe(404);
    expect(r.type).toContain('application/json');
  });
});

describe('a server without pages (API only)', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await startHarness();
  });
  afterAll(() => api?.close());

  it('answers / with where the API is, for curl and browsers alike', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await fetch(`${api.url}/`, { headers: { accept } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ service: 'Mandate', pages: null, api: { openapi: '/openapi.json' } });
    }
    const other = await fetch(`${api.url}/staff`, { headers: { accept: '*/*' } });
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('no-page');
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 after too many attempts from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await h.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'wrong-password' } })).status);
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});
