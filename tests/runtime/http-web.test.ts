/**
 * Serving the web pages: static assets, `staff.html` for `/staff` and `/staff/*`, `index.html` for other page
 * routes, JSON 404 (never a page) under `/api`; and the sign-in rate limit.
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

  it('never answers an API path with a page', async () => {
    const r = await page('/api/no-such-route');
    expect(r.status).toBe(404);
    expect(r.type).toContain('application/json');
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
