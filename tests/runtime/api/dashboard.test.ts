/**
 * The program dashboard over HTTP (issue 15, item 7), its numbers checked against data seeded through the API on a
 * pinned clock: seven applications to the rental program, three abandoned at known wizard pages, one in progress,
 * three submitted (one approved after 10 days, one denied after 45, one left waiting); the CSV export with the
 * administrator's columns, masked for an analyst; who may see it; the step each save records, checked; and bad
 * queries answered with 400 naming the parameter. Run on each store (in-memory SQLite, a PostgreSQL database of a
 * throwaway cluster): the dashboard's counts are aggregate queries of each store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterForSuite, describeOnStores } from '../../support/stores.ts';
import { ADMIN, ELIGIBLE_ANSWERS, PROGRAM_ID, startHarness, type Harness } from './harness.ts';

let h: Harness;
let caseworker: { id: string; token: string; email: string };
let supervisor: { id: string; token: string; email: string };
let analyst: { id: string; token: string; email: string };
const ids: Record<string, string> = {};

async function start(name: string, answers?: Record<string, unknown>, step?: string) {
  const started = await h.call('POST', '/api/applications', { body: { programId: PROGRAM_ID } });
  const headers = { 'x-resume-code': started.body.resumeCode };
  if (answers) {
    const saved = await h.call('PUT', `/api/applications/${started.body.id}`, { body: { answers, step }, headers });
    expect(saved.status).toBe(200);
  }
  ids[name] = started.body.id;
  return { id: started.body.id as string, headers };
}

async function submit(name: string, answers: Record<string, unknown>): Promise<string> {
  const { id, headers } = await start(name, answers, 'review');
  const submitted = await h.call('POST', `/api/applications/${id}/submit`, { headers });
  expect(submitted.status).toBe(201);
  return submitted.body.caseId;
}

async function fire(caseId: string, event: string, token: string, reason?: string) {
  const r = await h.call('POST', `/api/cases/${caseId}/transitions`, { body: { event, ...(reason ? { reason } : {}) }, token });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function decide(caseId: string, event: 'approve' | 'deny') {
  await fire(caseId, 'start-review', caseworker.token);
  await fire(caseId, 'complete-review', caseworker.token);
  // A denial needs a reason from the program's list.
  await fire(caseId, event, supervisor.token, event === 'deny' ? 'income-over-limit' : undefined);
}

/** Moves the clock and signs everyone in again (sessions last hours, the clock moves days). */
async function moveTo(date: string) {
  h.setToday(date);
  for (const u of [caseworker, supervisor, analyst]) u.token = await h.login(u.email, 'password-123');
  h.adminToken = await h.login(ADMIN.email, ADMIN.password);
}

/** Seeds the store of a fresh harness (on `databaseUrl` when given). */
async function seed(databaseUrl?: string) {
  h = await startHarness({ today: '2025-07-01', databaseUrl });
  caseworker = await h.user(['caseworker'], 'Casey Worker');
  supervisor = await h.user(['supervisor'], 'Sam Supervisor');
  analyst = await h.user(['analyst'], 'Ana Analyst');
  await start('atRent', { householdSize: 2, annualIncome: 30000 }, 'rent');
  await start('atSituation', { householdSize: 2, annualIncome: 30000, monthlyRent: 1000, rentOwed: 500 }, 'situation');
  await start('neverSaved');
  const approved = await submit('approved', ELIGIBLE_ANSWERS);
  const denied = await submit('denied', { ...ELIGIBLE_ANSWERS, annualIncome: 500000 });
  await submit('waiting', ELIGIBLE_ANSWERS);
  await moveTo('2025-07-11');
  await decide(approved, 'approve');
  await moveTo('2025-08-15');
  await decide(denied, 'deny');
  await moveTo('2025-09-01');
  await start('inProgress', { householdSize: 4 }, 'rent');
}

describeOnStores('dashboard', (kind) => {
  const cluster = kind === 'postgres' ? clusterForSuite() : undefined;
  beforeAll(async () => seed(cluster ? await cluster().newDatabase() : undefined));
  afterAll(() => h?.close());
  dashboardSuites();
});

const PERIOD = 'from=2025-07-01&to=2025-09-01&abandonedDays=30';

/** The suites, on the seeded harness `h` of the enclosing store's suite. */
function dashboardSuites(): void {
  describe('the program dashboard', () => {
    it('counts what was seeded: started, submitted, abandoned and where, decisions against the deadline, reasons, backlog', async () => {
      const r = await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard?${PERIOD}`, { token: supervisor.token });
      expect(r.status).toBe(200);
      const d = r.body;
      expect(d.applications).toEqual({ started: 7, submitted: 3, abandoned: 3, inProgress: 1 });
      // In the wizard's order: never past the start, then the rent page, then the situation page.
      expect(d.leftAt).toEqual([
        { step: null, title: null, count: 1 },
        { step: 'rent', title: 'Your rent', count: 1 },
        { step: 'situation', title: expect.any(String), count: 1 },
      ]);
      expect(d.bucket).toBe('day');
      expect(d.series).toEqual([
        { bucket: '2025-07-01', started: 6, submitted: 3 },
        { bucket: '2025-09-01', started: 1, submitted: 0 },
      ]);
      expect(d.outcomes.map((o: { state: string; count: number; averageDays: number }) => [o.state, o.count, o.averageDays])).toEqual([
        ['approved', 1, 10],
        ['denied', 1, 45],
      ]);
      expect(d.decisionDays).toEqual([
        { band: '0-7', count: 0 },
        { band: '8-14', count: 1 },
        { band: '15-30', count: 0 },
        { band: '31-60', count: 1 },
        { band: '61+', count: 0 },
      ]);
      expect(d.deadlines).toEqual([
        { id: 'decision', title: 'Decide within 30 days of submission', days: 30, met: 1, late: 1, open: 0, overdue: 1 },
        { id: 'appeal-decision', title: 'Decide an appeal within 30 days', days: 30, met: 0, late: 0, open: 0, overdue: 0 },
        // The applicant's deadline (send documents): counted, but its end decides nothing.
        { id: 'documents', title: 'Documents due 14 days after the request', days: 14, met: 0, late: 0, open: 0, overdue: 0 },
      ]);
      expect(d.reasons).toEqual([{ rule: 'income', title: expect.any(String), count: 1 }]);
      expect(d.backlog).toEqual([{ state: 'submitted', title: 'Submitted', assignee: null, assigneeName: null, count: 1 }]);
    });

    it('narrows to the period asked for, and shows the assignee by name in the backlog', async () => {
      const july = await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard?from=2025-08-01&to=2025-09-30`, { token: analyst.token });
      expect(july.body.applications).toEqual({ started: 1, submitted: 0, abandoned: 0, inProgress: 1 });
      expect(july.body.bucket).toBe('day');
      const waiting = (await h.call('GET', `/api/cases?program=${PROGRAM_ID}&state=submitted`, { token: caseworker.token })).body.items[0];
      await fire(waiting.id, 'start-review', caseworker.token);
      const after = await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard?${PERIOD}&lang=es`, { token: supervisor.token });
      expect(after.body.backlog).toEqual([
        { state: 'in-review', title: expect.any(String), assignee: caseworker.id, assigneeName: 'Casey Worker', count: 1 },
      ]);
      expect(after.body.backlog[0].title).not.toBe('In review'); // in Spanish
    });

    it('is for administrators, supervisors and analysts only', async () => {
      expect((await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard`, { token: caseworker.token })).status).toBe(403);
      expect((await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard`)).status).toBe(401);
      expect((await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard`, { token: h.adminToken })).status).toBe(200);
      expect((await h.call('GET', '/api/programs/nothing-here/dashboard', { token: h.adminToken })).status).toBe(404);
    });

    it('answers a bad period with 400 naming the parameter', async () => {
      const bad = async (query: string) =>
        (await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard?${query}`, { token: h.adminToken })).body.error;
      expect((await bad('from=2025-13-45')).message).toContain('from="2025-13-45"');
      expect((await bad('from=2025-09-01&to=2025-08-01')).message).toContain('from=2025-09-01 is after to=2025-08-01');
      expect((await bad('abandonedDays=0')).message).toContain('abandonedDays="0"');
    });

    it('records the step of each save, refusing a page the form does not have', async () => {
      const { id, headers } = await start('stepCheck');
      const refused = await h.call('PUT', `/api/applications/${id}`, { body: { answers: {}, step: 'nowhere' }, headers });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain('step "nowhere" is not a page');
      expect(refused.body.error.message).toContain('"household"');
    });
  });

  describe('the CSV export', () => {
    it("has the administrator's columns, one row per application of the period, answers masked for an analyst", async () => {
      const settings = await h.call('GET', '/api/settings', { token: h.adminToken });
      const saved = await h.call('PUT', '/api/settings', {
        token: h.adminToken,
        body: {
          makerChecker: true,
          revision: settings.body.revision,
          exportColumns: ['application', 'status', 'lastStep', 'state', 'daysToDecision', 'answer:annualIncome'],
        },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.exportColumns).toHaveLength(6);
      const asSupervisor = await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard.csv?${PERIOD}`, { token: supervisor.token });
      expect(asSupervisor.status).toBe(200);
      expect(asSupervisor.headers.get('content-type')).toContain('text/csv');
      expect(asSupervisor.headers.get('content-disposition')).toContain(`${PROGRAM_ID}-2025-07-01-2025-09-01.csv`);
      const lines = String(asSupervisor.body).trimEnd().split('\r\n');
      expect(lines[0]).toBe('application,status,lastStep,state,daysToDecision,answer:annualIncome');
      expect(lines).toHaveLength(1 + 8); // seven seeded and the step check's application
      expect(lines).toContain(`${ids.approved},submitted,review,approved,10,60000`);
      expect(lines).toContain(`${ids.atRent},draft,rent,,,30000`);
      const asAnalyst = String((await h.call('GET', `/api/programs/${PROGRAM_ID}/dashboard.csv?${PERIOD}`, { token: analyst.token })).body);
      expect(asAnalyst).toContain(`${ids.approved},submitted,review,approved,10,***`);
      expect(asAnalyst).not.toContain('60000');
    });

    it('refuses a column that is not one, naming its place, and keeps the columns when the studio saves makerChecker alone', async () => {
      const settings = await h.call('GET', '/api/settings', { token: h.adminToken });
      const refused = await h.call('PUT', '/api/settings', {
        token: h.adminToken,
        body: { makerChecker: true, revision: settings.body.revision, exportColumns: ['state', 'ssn'] },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toContain('exportColumns/1 "ssn"');
      const kept = await h.call('PUT', '/api/settings', { token: h.adminToken, body: { makerChecker: true, revision: settings.body.revision } });
      expect(kept.body.exportColumns).toEqual(settings.body.exportColumns);
    });
  });
}
