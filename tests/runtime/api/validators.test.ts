/**
 * The pages' validator modules over HTTP: the version in force and the screener form name their module's URL; the
 * module is served as JavaScript with a year-long immutable cache, and an unknown hash is a 404 saying where to look.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('GET /api/validators/:hash.js', () => {
  it('serves the module named by the version in force, as immutable JavaScript', async () => {
    const current = await h.call('GET', `/api/programs/${PROGRAM_ID}/current`);
    expect(current.status).toBe(200);
    expect(current.body.validator).toMatch(/^\/api\/validators\/[0-9a-f]{64}\.js$/);
    const res = await fetch(h.url + current.body.validator);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const code = await res.text();
    expect(code).toMatch(/export\s*\{[^}]*\bvalidate\b/);
    // Self-contained (no import statement, no require) and nothing CSP would refuse. The word "import" may appear in a
    // bundled library's texts (re2js, for forms with a pattern), so statements are what is checked; likewise re2js
    // has a method named eval, so a call of eval is what is refused, not a method definition `eval(a,b){`.
    expect(code).not.toMatch(/^\s*import\s.+\sfrom\s|new Function|(^|[^.\w$])eval\((?![^)]*\)\s*\{)/m);
    // Content-addressed: the URL names the sha256 of the code, and asking again gives the same URL.
    const { createHash } = await import('node:crypto');
    expect(current.body.validator).toBe(`/api/validators/${createHash('sha256').update(code).digest('hex')}.js`);
    expect((await h.call('GET', `/api/programs/${PROGRAM_ID}/current`)).body.validator).toBe(current.body.validator);
  });

  it('names a module for the screener form too', async () => {
    const form = await h.call('GET', '/api/screen/form?lang=es');
    expect(form.status).toBe(200);
    expect(Object.keys(form.body.schema.properties ?? {}).length).toBeGreaterThan(0);
    expect(form.body.fields.length).toBeGreaterThan(0);
    expect((await fetch(h.url + form.body.validator)).status).toBe(200);
  });

  it('answers 404 for a hash it did not build, and for anything that is not a hash', async () => {
    const unknown = await h.call('GET', `/api/validators/${'0'.repeat(64)}.js`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('"validator" field of GET /api/programs/{id}/current');
    expect((await h.call('GET', '/api/validators/not-a-hash.js')).status).toBe(404);
  });
});
