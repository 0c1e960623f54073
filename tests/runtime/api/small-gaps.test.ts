/**
 * Issue 14, finding 8 (the server's part): the resume code only in a header and never in a log line; X-Forwarded-For
 * trusted only behind a configured proxy, so spoofed addresses get no fresh sign-in budget; `Cache-Control:
 * no-store` on the API; the session cookie `Secure` in production or behind a proxy; wrong resume codes throttled
 * per application and per client with 429 and Retry-After.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../runtime/config.ts';
import { ADMIN, PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(harness: Harness) {
  const r = await harness.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  expect(r.status).toBe(201);
  return { id: r.body.id as string, code: r.body.resumeCode as string };
}

describe('the resume code stays out of URLs and logs', () => {
  it('refuses ?code= with 400 saying to use the header, and logs the request without the code', async () => {
    const logLines: string[] = [];
    h = await startHarness({ logLines });
    const app = await start(h);
    const r = await h.call('GET', `/api/applications/${app.id}?code=${app.code}`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('code-in-url');
    expect(r.body.error.message).toContain('X-Resume-Code header');
    const es = await h.call('PUT', `/api/applications/${app.id}?code=${app.code}`, { body: { answers: {} }, headers: { 'accept-language': 'es' } });
    expect(es.body.error.message).toContain('encabezado X-Resume-Code');
    expect((await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': app.code } })).status).toBe(200);
    const log = logLines.join('');
    expect(log).toContain(`/api/applications/${app.id}?code=[Redacted]`);
    expect(log).not.toContain(app.code);
  });
});

describe('client addresses', () => {
  async function failedLogins(harness: Harness, n: number) {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const r = await harness.call('POST', '/api/auth/login', {
        body: { email: ADMIN.email, password: 'wrong-password' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
      });
      statuses.push(r.status);
    }
    return statuses;
  }

  it('ignores X-Forwarded-For unless a proxy is configured: a spoofed address gets no fresh sign-in budget', async () => {
    // The harness's own sign-in as the administrator used one of the four attempts.
    h = await startHarness({ loginRateLimit: 4 });
    expect(await failedLogins(h, 4)).toEqual([401, 401, 401, 429]);
  });

  it('behind a configured proxy, the forwarded address is the client', async () => {
    h = await startHarness({ loginRateLimit: 4, trustProxy: 'loopback' });
    expect(await failedLogins(h, 4)).toEqual([401, 401, 401, 401]);
  });

  it('reads MANDATE_TRUST_PROXY and makes cookies Secure in production or behind a proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).secureCookies).toBe(true);
    expect(loadConfig({ MANDATE_TRUST_PROXY: '1' })).toMatchObject({ trustProxy: 1, secureCookies: true });
    expect(loadConfig({ MANDATE_TRUST_PROXY: '10.0.0.5, loopback' }).trustProxy).toBe('10.0.0.5,loopback');
    expect(() => loadConfig({ MANDATE_TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ MANDATE_TRUST_PROXY: 'true' })).toThrow(/trusting every proxy lets any client choose its address/);
  });
});

describe('responses', () => {
  it('answers the API with Cache-Control: no-store, except the immutable validator modules', async () => {
    h = await startHarness();
    const app = await start(h);
    const read = await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': app.code } });
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect((await h.call('GET', '/api/auth/me', { token: h.adminToken })).headers.get('cache-control')).toBe('no-store');
    expect((await h.call('GET', '/api/applications/nope')).headers.get('cache-control')).toBe('no-store');
    const current = await h.call('GET', `/api/programs/${PROGRAM_ID}/current`);
    const validator = await fetch(h.url + current.body.validator);
    expect(validator.status).toBe(200);
    expect(validator.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sets the session cookie Secure when configured so, even over plain HTTP', async () => {
    h = await startHarness();
    const plain = await h.call('POST', '/api/auth/login', { body: ADMIN });
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    await h.close();
    h = await startHarness({ secureCookies: true });
    const secure = await h.call('POST', '/api/auth/login', { body: ADMIN });
    expect(secure.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });
});

describe('wrong resume codes', () => {
  it('are throttled per application: past the limit even the right code waits, with 429 and Retry-After', async () => {
    h = await startHarness({ resumeCodeAttempts: 3 });
    const app = await start(h);
    for (let i = 0; i < 3; i++) {
      expect((await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': `WRONG-${i}` } })).status).toBe(404);
    }
    const blocked = await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': app.code } });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too-many-codes');
    expect(blocked.body.error.message).toContain('wait 15 minutes');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    // Another application from the same client is still reachable (the client's budget is three times larger).
    const other = await start(h);
    expect((await h.call('GET', `/api/applications/${other.id}`, { headers: { 'x-resume-code': other.code } })).status).toBe(200);
  });

  it('are throttled per client, across applications and the resume-by-code search', async () => {
    h = await startHarness({ resumeCodeAttempts: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await h.call('POST', '/api/applications/resume', { body: { resumeCode: `ABCD-EFGH-${i}` } })).status);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429]);
    const app = await start(h);
    const r = await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': app.code } });
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
