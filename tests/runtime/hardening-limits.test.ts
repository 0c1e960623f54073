/**
 * Issue 14, finding 1: nobody can fill the disk through the public endpoints. Per-client budgets answer 429 with
 * Retry-After in the error shape; an application's answers are bounded by its form (undeclared answers refused by
 * JSON Pointer, texts and lists over their limits refused naming the field, a byte bound the form implies); and
 * abandoned drafts are deleted by the scheduler after the configured days, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../runtime/config.ts';
import { DEFAULT_LIMITS } from '../../runtime/services/limits.ts';
import { expireAbandonedDrafts } from '../../runtime/services/scheduler.ts';
import { ADMIN, ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './api/harness.ts';

async function startApp(h: Harness) {
  const r = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  expect(r.status).toBe(201);
  return { id: r.body.id as string, code: r.body.resumeCode as string };
}

describe('public rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ limits: { startsPerHour: 3, publicWritesPerMinute: 8 } });
  });
  afterAll(() => h?.close());

  it('answers 429 with Retry-After and the error shape once a client has started its budget of applications', async () => {
    const first = await startApp(h);
    await startApp(h);
    await startApp(h);
    const refused = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.error.code).toBe('too-many-requests');
    expect(refused.body.error.message).toContain('at most 3 an hour');
    const es = await h.call('POST', '/api/applications?lang=es', { body: { programId: PROGRAM_ID } });
    expect(es.body.error.message).toContain('como máximo 3 por hora');
    // Reads are not budgeted; the other public writes have their own budget (4 used by the starts above).
    expect((await h.call('GET', `/api/applications/${first.id}`, { headers: { 'x-resume-code': first.code } })).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await h.call('PUT', `/api/applications/${first.id}`, {
        body: { answers: { householdSize: 2 } },
        headers: { 'x-resume-code': first.code },
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(429);
    expect((await h.call('POST', '/api/screen', { body: { answers: {} } })).status).toBe(429);
  });
});

describe('answers bounded by the form', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ limits: { answerText: 100, answerItems: 5, draftDays: 30 } });
  });
  afterAll(() => h?.close());

  const save = (app: { id: string; code: string }, answers: unknown) =>
    h.call('PUT', `/api/applications/${app.id}`, { body: { answers }, headers: { 'x-resume-code': app.code } });

  it('refuses answers to questions the form does not declare, naming their JSON Pointer, and stores nothing', async () => {
    const app = await startApp(h);
    const r = await save(app, { ...ELIGIBLE_ANSWERS, notAQuestion: 'x', 'a/b': 1 });
    expect(r.status).toBe(422);
    expect(r.body.error.diagnostics.map((d: any) => [d.code, d.path])).toEqual([
      ['input.undeclared', '/notAQuestion'],
      ['input.undeclared', '/a~1b'],
    ]);
    expect(r.body.error.diagnostics[0].message).toContain('/notAQuestion');
    const stored = await h.call('GET', `/api/applications/${app.id}`, { headers: { 'x-resume-code': app.code } });
    expect(stored.body.answers).toEqual({});
    expect((await save(app, ELIGIBLE_ANSWERS)).status).toBe(200);
  });

  it('refuses a text or a list over its limit naming the field, and answers beyond the form’s byte bound with 413', async () => {
    const app = await startApp(h);
    const long = await save(app, { householdSize: 'x'.repeat(1_000_000) });
    expect(long.status).toBe(422);
    expect(long.body.error.diagnostics[0]).toMatchObject({ code: 'input.maxLength', path: '/householdSize' });
    expect(long.body.error.diagnostics[0].message).toContain('How many people live in your home');
    const list = await save(app, { annualIncome: [1, 2, 3, 4, 5, 6] });
    expect(list.body.error.diagnostics[0]).toMatchObject({ code: 'input.maxItems', path: '/annualIncome' });
    // Every list within its 5 entries and every text within its 100 characters, but 125 such texts (about 13 kB)
    // are more than any answers this form accepts can take.
    const nested = await save(app, {
      householdSize: [1, 2, 3, 4, 5].map(() => [1, 2, 3, 4, 5].map(() => [1, 2, 3, 4, 5].map(() => 'x'.repeat(100)))),
    });
    expect(nested.status).toBe(413);
    expect(nested.body.error.code).toBe('answers-too-large');
  });

  it('deletes drafts not saved for the configured days, audited, and keeps recent drafts and submitted applications', async () => {
    const old = await startApp(h);
    await save(old, { householdSize: 2 });
    const submitted = await startApp(h);
    await save(submitted, ELIGIBLE_ANSWERS);
    expect((await h.call('POST', `/api/applications/${submitted.id}/submit`, { headers: { 'x-resume-code': submitted.code } })).status).toBe(201);
    h.setToday('2025-07-25');
    const recent = await startApp(h);
    h.setToday('2025-08-05');
    const expired = await expireAbandonedDrafts(h.server.ctx);
    expect(expired).toBeGreaterThanOrEqual(1);
    expect((await h.call('GET', `/api/applications/${old.id}`, { headers: { 'x-resume-code': old.code } })).status).toBe(404);
    expect((await h.call('GET', `/api/applications/${recent.id}`, { headers: { 'x-resume-code': recent.code } })).status).toBe(200);
    expect((await h.call('GET', `/api/applications/${submitted.id}`, { headers: { 'x-resume-code': submitted.code } })).status).toBe(200);
    // The clock moved past the administrator's session: sign in again.
    const token = await h.login(ADMIN.email, ADMIN.password);
    const audit = await h.call('GET', `/api/audit?entity=application&entityId=${old.id}`, { token });
    const entry = audit.body.find((e: any) => e.action === 'application.expire');
    expect(entry).toMatchObject({ actorId: null, details: { programId: PROGRAM_ID } });
    expect(await expireAbandonedDrafts(h.server.ctx)).toBe(0);
  });
});

describe('limits from the environment', () => {
  it('reads every limit from its variable, with the defaults when unset, and names a malformed one', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    const set = loadConfig({ MANDATE_START_RATE_LIMIT: '5', MANDATE_DRAFT_DAYS: '0', MANDATE_DEFINITION_DERIVED: '100' }).limits;
    expect(set).toMatchObject({ startsPerHour: 5, draftDays: 0, definitionDerived: 100, answerText: DEFAULT_LIMITS.answerText });
    expect(() => loadConfig({ MANDATE_PUBLIC_RATE_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ MANDATE_PUBLIC_RATE_LIMIT: 'lots' })).toThrow(/MANDATE_PUBLIC_RATE_LIMIT/);
  });
});
