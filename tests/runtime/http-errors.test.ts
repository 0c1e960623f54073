/**
 * Bad input gets the right status and a clear JSON error: malformed JSON 400, wrong content type 415, too large
 * 413, schema-invalid 422 with diagnostics, unknown id 404, role 403, unauthenticated 401, stale 409, unexpected
 * 500 without a stack trace; forbidden keys are inert; cookie sessions need the CSRF token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('error statuses', () => {
  it('400 for malformed JSON, naming the problem', async () => {
    const r = await h.call('POST', '/api/screen', { rawBody: '{"answers": {', headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('malformed-json');
  });

  it('415 for a body that is not JSON', async () => {
    const r = await h.call('POST', '/api/screen', { rawBody: 'answers=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(415);
    expect(r.body.error.message).toContain('application/json');
  });

  it('413 for a body over the limit', async () => {
    const r = await h.call('POST', '/api/screen', { body: { answers: { blob: 'x'.repeat(1_200_000) } } });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('body-too-large');
  });

  it('422 with diagnostics naming the field for a schema-invalid body', async () => {
    const r = await h.call('POST', '/api/applications', { body: { lang: 'en' } });
    expect(r.status).toBe(422);
    expect(r.body.error.diagnostics[0].path).toBe('/programId');
    expect(r.body.error.diagnostics[0].message).toContain('programId');
  });

  it('404 for unknown ids and unknown API routes', async () => {
    expect((await h.call('GET', '/api/programs/no-such-program')).status).toBe(404);
    expect((await h.call('GET', '/api/cases/nope', { token: h.adminToken })).status).toBe(404);
    const r = await h.call('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('no-route');
  });

  it('401 without credentials, 401 with a bad token, 403 for the wrong role', async () => {
    expect((await h.call('GET', '/api/cases')).status).toBe(401);
    expect((await h.call('GET', '/api/cases', { token: 'not-a-token' })).status).toBe(401);
    const analyst = await h.user(['analyst']);
    const r = await h.call('GET', '/api/cases', { token: analyst.token });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain('caseworker');
  });

  it('401 for a wrong password, with a neutral message', async () => {
    const r = await h.call('POST', '/api/auth/login', { body: { email: ADMIN.email, password: 'wrong-password' } });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('bad-credentials');
  });

  it('409 for a stale application revision', async () => {
    const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    const code = { 'x-resume-code': started.body.resumeCode };
    const first = await h.call('PUT', `/api/applications/${started.body.id}`, {
      body: { answers: { householdSize: 2 }, revision: started.body.revision },
      headers: code,
    });
    expect(first.status).toBe(200);
    const stale = await h.call('PUT', `/api/applications/${started.body.id}`, {
      body: { answers: { householdSize: 3 }, revision: started.body.revision },
      headers: code,
    });
    expect(stale.status).toBe(409);
  });

  it('500 is plain and carries no stack trace', async () => {
    const store = h.server.ctx.store;
    const original = store.listAudit;
    store.listAudit = async () => {
      throw new Error('database exploded at /secret/path.ts:12');
    };
    try {
      const r = await h.call('GET', '/api/audit', { token: h.adminToken });
      expect(r.status).toBe(500);
      expect(r.body.error.code).toBe('internal');
      expect(JSON.stringify(r.body)).not.toContain('exploded');
      expect(JSON.stringify(r.body)).not.toContain('.ts:');
    } finally {
      store.listAudit = original;
    }
  });
});

describe('inert keys', () => {
  it('refuses __proto__, constructor, prototype and $-keys in bodies and queries, and nothing is polluted', async () => {
    const proto = await h.call('POST', '/api/screen', {
      rawBody: '{"answers": {"__proto__": {"polluted": true}}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(proto.status).toBe(400);
    expect(proto.body.error.message).toContain('$.answers.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const ctor = await h.call('POST', '/api/screen', { body: { answers: { constructor: { prototype: { x: 1 } } } } });
    expect(ctor.status).toBe(400);
    const mongo = await h.call('POST', '/api/applications/resume', { body: { resumeCode: { $ne: null } } });
    expect(mongo.status).toBe(400);
    const query = await h.call('GET', '/api/cases?$where=1', { token: h.adminToken });
    expect(query.status).toBe(400);
  });
});

describe('sessions, cookies and CSRF', () => {
  it('sets an HttpOnly SameSite=Lax cookie; cookie requests need X-CSRF-Token for writes; bearer requests do not', async () => {
    const res = await fetch(`${h.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const login = await res.json();
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/mandate_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const me = await h.call('GET', '/api/auth/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN.email);
    const body = { email: 'csrf-check@test.local', name: 'C', roles: ['analyst'], password: 'password-123' };
    const without = await h.call('POST', '/api/users', { headers: { cookie }, body });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf');
    const csrf = await h.call('GET', '/api/auth/csrf', { headers: { cookie } });
    expect(csrf.body.csrfToken).toBe(login.csrfToken);
    const withToken = await h.call('POST', '/api/users', { headers: { cookie, 'x-csrf-token': login.csrfToken }, body });
    expect(withToken.status).toBe(201);
    const relogin = await h.call('POST', '/api/auth/login', { headers: { cookie }, body: ADMIN });
    expect(relogin.status).toBe(200);
    const bearer = await h.call('POST', '/api/users', { token: login.token, body: { ...body, email: 'csrf-bearer@test.local' } });
    expect(bearer.status).toBe(201);
    expect(JSON.stringify(withToken.body)).not.toContain('passwordHash');
  });

  it('logout ends the session; a disabled user cannot sign in', async () => {
    const u = await h.user(['caseworker']);
    expect((await h.call('POST', '/api/auth/logout', { token: u.token })).status).toBe(204);
    expect((await h.call('GET', '/api/auth/me', { token: u.token })).status).toBe(401);
    const token = await h.login(u.email, 'password-123');
    expect((await h.call('PUT', `/api/users/${u.id}`, { token: h.adminToken, body: { disabled: true } })).status).toBe(200);
    expect((await h.call('GET', '/api/auth/me', { token })).status).toBe(401);
    expect((await h.call('POST', '/api/auth/login', { body: { email: u.email, password: 'password-123' } })).status).toBe(401);
  });

  it('sends security headers with a strict CSP', async () => {
    const r = await h.call('GET', '/api/health');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
