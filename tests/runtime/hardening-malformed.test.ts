/**
 * Issue 14, finding 6: malformed input never reaches a 500. Every route of the route table, called with a
 * malformed percent-encoded id and with hostile query values, answers a 4xx in the error shape (or its success);
 * lone surrogates are refused at the door naming the field, and can never stop an audit entry from being written;
 * paging parameters are bounded whole numbers; paths that look like the API's get the JSON 404; dates are real days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../runtime/http/app.ts';
import { linkAuditEntries, verifyChain } from '../../runtime/audit/chain.ts';
import { clusterForSuite, describeOnStores } from '../support/stores.ts';
import { startHarness, type Harness } from './api/harness.ts';

/** The route's path with every `:param` replaced by `value`. */
const withParams = (path: string, value: string) => path.replace(/:\w+/g, value);

function expectErrorShape(r: { status: number; body: any }, what: string) {
  expect(r.status, `${what}: ${JSON.stringify(r.body).slice(0, 200)}`).toBeLessThan(500);
  if (r.status >= 400) {
    expect(typeof r.body?.error?.code, `${what}: error shape`).toBe('string');
    expect(typeof r.body?.error?.message, `${what}: error message`).toBe('string');
  }
}

describeOnStores('malformed input on every route', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(cluster ? { databaseUrl: await cluster().newDatabase() } : {});
  });
  afterAll(() => h?.close());

  it('answers 400 bad-path for a malformed percent-encoding in any path parameter, on every route that has one', async () => {
    const routes = allRoutes(h.server.ctx).filter((r) => r.path.includes(':'));
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of routes) {
      for (const bad of ['%ff', '%E0%A4%A', '%']) {
        const r = await h.call(route.method.toUpperCase(), withParams(route.path, bad), {
          token: h.adminToken,
          body: route.method === 'get' ? undefined : {},
        });
        if (r.status !== 400 || r.body?.error?.code !== 'bad-path')
          wrong.push(`${route.method} ${route.path} ${bad}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    const one = await h.call('GET', '/api/applications/%ff');
    expect(one.body.error.message).toContain('/api/applications/%ff'.slice(-3));
  });

  it('answers every declared query parameter of every route, given hostile values, with a 4xx in the error shape or a success', async () => {
    const hostile = ['1e20', '100000000000000000000', '-1', '2025-13-45', 'NaN', '%ff', '%ED%A0%80', ''.padEnd(3000, 'x')];
    let calls = 0;
    for (const route of allRoutes(h.server.ctx)) {
      if (!route.query?.length || route.method !== 'get') continue;
      const path = withParams(route.path, 'emergency-rental-assistance').replace('/versions/emergency-rental-assistance', '/versions/1');
      for (const q of route.query) {
        for (const value of hostile) {
          const r = await h.call('GET', `${path}?${q.name}=${value.includes('%') ? value : encodeURIComponent(value)}`, { token: h.adminToken });
          expectErrorShape(r, `${route.path}?${q.name}=${value.slice(0, 20)}`);
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(50);
  });

  it('refuses a page offset or limit that is not a bounded whole number with 400 naming it', async () => {
    for (const value of ['1e20', '100000000000000000000', '99999999999']) {
      const r = await h.call('GET', `/api/cases?offset=${value}`, { token: h.adminToken });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain('offset');
    }
    expect((await h.call('GET', '/api/cases?limit=100000', { token: h.adminToken })).status).toBe(400);
    expect((await h.call('GET', '/api/audit?afterSeq=100000000000000000000', { token: h.adminToken })).status).toBe(400);
    expect((await h.call('GET', '/api/cases?offset=10', { token: h.adminToken })).status).toBe(200);
  });

  it('refuses a lone surrogate anywhere in a body or query with 400 naming the JSON path, before any route', async () => {
    const login = await h.call('POST', '/api/auth/login', {
      rawBody: '{"email":"\\ud800@x","password":"whatever-1"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(login.status).toBe(400);
    expect(login.body.error.code).toBe('lone-surrogate');
    expect(login.body.error.message).toContain('$.email');
    const user = await h.call('POST', '/api/users', {
      token: h.adminToken,
      rawBody: '{"email":"a@b.c","name":"x\\udc00y","roles":["caseworker"],"password":"password-123"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(user.status).toBe(400);
    expect(user.body.error.message).toContain('$.name');
    const nested = await h.call('POST', '/api/screen', {
      rawBody: '{"answers":{"members":[{"name":"\\ud83d"}]}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(nested.body.error.message).toContain('$.answers.members[0].name');
    // A well-formed pair (an emoji) is fine.
    const emoji = await h.call('POST', '/api/screen', {
      rawBody: '{"answers":{"householdSize":2,"note":"\\ud83d\\ude00"}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(emoji.status).toBeLessThan(500);
    expect(emoji.body?.error?.code).not.toBe('lone-surrogate');
  });

  it('refuses the NUL character in a path, a query or a body with 400 naming where, on every store', async () => {
    const user = await h.call('POST', '/api/users', {
      token: h.adminToken,
      rawBody: '{"email":"a@b.c","name":"x\\u0000y","roles":["caseworker"],"password":"password-123"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(user.status).toBe(400);
    expect(user.body.error.code).toBe('nul-character');
    expect(user.body.error.message).toContain('$.name');
    const key = await h.call('POST', '/api/screen', {
      rawBody: '{"answers":{"a\\u0000b":1}}',
      headers: { 'content-type': 'application/json' },
    });
    expect(key.body.error.code).toBe('nul-character');
    expect(key.body.error.message).toContain('$.answers.a\ufffdb');
    const query = await h.call('GET', '/api/cases?text=a%00b', { token: h.adminToken });
    expect(query).toMatchObject({ status: 400, body: { error: { code: 'nul-character' } } });
    expect(query.body.error.message).toContain('$.text');
    const path = await h.call('GET', '/api/cases/a%00b', { token: h.adminToken });
    expect(path).toMatchObject({ status: 400, body: { error: { code: 'nul-character' } } });
    expect((await h.call('GET', '/api/cases/a%01b', { token: h.adminToken })).status).toBe(404);
  });

  it('writes and verifies audit entries whatever their text, so a failed sign-in with a broken email is still audited', async () => {
    const entries = linkAuditEntries(
      null,
      [{ actorId: null, action: 'auth.login-failed', entity: 'user', entityId: '\ud800@x', details: { ip: '\udfff', ['k\ud800']: 1 } }],
      '2025-07-01T00:00:00Z',
    );
    expect(entries[0].entityId).toBe('\ufffd@x');
    expect(verifyChain(entries).ok).toBe(true);
    const [stored] = await h.server.ctx.store.appendAudit({
      actorId: null,
      action: 'auth.login-failed',
      entity: 'user',
      entityId: '\ud800@x',
      details: { ip: null },
    });
    expect(stored.entityId).toBe('\ufffd@x');
    const failed = await h.call('POST', '/api/auth/login', { body: { email: 'nobody@test.local', password: 'wrong-password' } });
    expect(failed.status).toBe(401);
    const audit = await h.call('GET', '/api/audit?entity=user&entityId=nobody@test.local', { token: h.adminToken });
    expect(audit.body.some((e: any) => e.action === 'auth.login-failed')).toBe(true);
  });

  it('answers any path that reads as the API once slashes are collapsed with the JSON 404', async () => {
    for (const p of ['//api/x', '///api/health', '/api//x', '/api/no-such-route']) {
      const r = await h.call('GET', p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get('content-type'), p).toMatch(/json/);
      expect(r.body.error.code, p).toBe('no-route');
    }
  });

  it('accepts only real calendar days wherever a date is accepted', async () => {
    const screen = await h.call('POST', '/api/screen', { body: { answers: {}, date: '2025-13-45' } });
    expect(screen.status).toBe(422);
    expect(JSON.stringify(screen.body.error.diagnostics)).toContain('/date');
    expect((await h.call('POST', '/api/screen', { body: { answers: {}, date: '2025-02-29' } })).status).toBe(422);
    expect((await h.call('POST', '/api/screen', { body: { answers: {}, date: '2024-02-29' } })).status).toBe(200);
    const current = await h.call('GET', '/api/programs/emergency-rental-assistance/current?date=2025-02-30');
    expect(current.status).toBe(400);
    expect(current.body.error.message).toContain('date');
    const due = await h.call('GET', '/api/cases?dueBefore=2025-04-31', { token: h.adminToken });
    expect(due.status).toBe(400);
  });
});
