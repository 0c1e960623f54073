/**
 * The screener over HTTP with every shipped program published (issue 15, item 6): `GET /api/screen/form` asks what
 * each program's screener needs, each question once; a SNAP household that answers them gets "likely eligible" with
 * the amount the engine's own `evaluate` gives for the same answers; a household that leaves questions blank learns
 * which ones each program still needs (the decision's, not the application's other questions); SNAP names who takes
 * applications, in the applicant's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, evaluate, type Program } from '../../../engine/index.ts';
import { publishShipped } from '../../../runtime/services/programs.ts';
import { shippedProgram, shippedVersions } from '../../programs/load.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
const DATE = '2025-11-01';
const snap = shippedProgram('us-snap/fy2026');

beforeAll(async () => {
  h = await startHarness({ today: DATE });
  for (const folder of ['us-snap/fy2025', 'us-snap/fy2026', 'community-food-bank']) await publishShipped(h.server.ctx, shippedProgram(folder));
});
afterAll(() => h.close());

// Ana earns $1,200 a month from work and pays $700 rent and $150 of utilities.
const ANA = {
  members: [{ name: 'Ana', dateOfBirth: '1990-04-02', disabled: false, earnedIncome: 1200, unearnedIncome: 0 }],
  rent: 700,
  utilities: 150,
  dependentCare: 0,
  childSupportPaid: 0,
  hasMedicalCosts: false,
  assets: 500,
  receivesTanfOrSsi: false,
};

describe('the screener', () => {
  it("asks what SNAP's rules need, the food bank's and the rental program's declared questions, each once", async () => {
    const r = await h.call('GET', '/api/screen/form');
    expect(r.status).toBe(200);
    const snapOrder = ['members', 'rent', 'utilities', 'dependentCare', 'childSupportPaid', 'hasMedicalCosts', 'medicalCosts', 'assets'];
    expect(r.body.fields.filter((f: string) => snapOrder.includes(f))).toEqual(snapOrder);
    expect([...r.body.fields].sort()).toEqual(
      [
        'members',
        'rent',
        'utilities',
        'dependentCare',
        'childSupportPaid',
        'hasMedicalCosts',
        'medicalCosts',
        'assets',
        'receivesTanfOrSsi',
        'zipCode',
        'householdSize',
        'monthlyIncome',
        'annualIncome',
        'monthlyRent',
        'otherUtilities',
        'rentOwed',
        'pastDueRentNotice',
        'evictionNotice',
        'freeShelter',
        'unsafeHousing',
      ].sort(),
    );
  });

  it('tells a SNAP household "likely eligible, about $X a month", X being what evaluate gives for the same answers', async () => {
    const r = await h.call('POST', '/api/screen', { body: { answers: ANA } });
    expect(r.status).toBe(200);
    const line = r.body.results.find((x: { programId: string }) => x.programId === 'us-snap');
    const expected = evaluate(compile(snap).compiled!, ANA, { asOf: DATE, partial: true });
    expect(expected.eligibility).toBe('eligible');
    expect(line.eligibility).toBe('eligible');
    expect(line.version).toBe(5);
    expect(line.benefits.map((b: { id: string; amount: number; period: string }) => [b.id, b.amount, b.period])).toEqual(
      expected.benefits.map((b) => [b.id, b.amount, b.period]),
    );
    expect(line.benefits[0].amount).toBe(215); // the README's worked example
    expect(line.missing).toEqual([]);
    expect(line.referral).toEqual({
      organisation: 'the SNAP agency of the state where you live',
      url: 'https://www.fns.usda.gov/snap/state-directory',
      instructions: expect.stringContaining("USDA's state directory"),
    });
  });

  it('names what each program still needs when questions are left blank, and only what its rules need', async () => {
    const r = await h.call('POST', '/api/screen', { body: { answers: { members: ANA.members, zipCode: '02905' } } });
    const byId = Object.fromEntries(r.body.results.map((x: { programId: string }) => [x.programId, x]));
    expect(byId['us-snap'].eligibility).toBe('needs-more-information');
    expect(byId['us-snap'].missing.map((m: { title: string }) => m.title)).toEqual(
      expect.arrayContaining(['Rent or mortgage each month', 'Money you have now']),
    );
    expect(byId['community-food-bank'].eligibility).toBe('needs-more-information');
    expect(byId['community-food-bank'].missing.map((m: { path: string }) => m.path)).toEqual(['/householdSize', '/monthlyIncome']);
  });

  it("gives the referral in Spanish to a Spanish applicant, and the food bank's parcel in its unit", async () => {
    const r = await h.call('POST', '/api/screen', {
      body: { lang: 'es', answers: { ...ANA, zipCode: '02905', householdSize: 1, monthlyIncome: 1200 } },
    });
    const byId = Object.fromEntries(r.body.results.map((x: { programId: string }) => [x.programId, x]));
    expect(byId['us-snap'].referral.organisation).toBe('la agencia de SNAP del estado donde usted vive');
    expect(byId['us-snap'].referral.instructions).toContain('directorio estatal del USDA');
    expect(byId['community-food-bank'].benefits.map((b: { unit?: string; period: string }) => [b.unit, b.period])).toEqual([['kg', 'week']]);
  });
});

describe('the screener in a state (issue 17, point 4)', () => {
  let s: Harness;
  beforeAll(async () => {
    s = await startHarness({ today: DATE });
    // As the server publishes them at start: stored as written, a layer resolved on its base (bases come first).
    for (const version of await shippedVersions())
      if (/us-snap|community-food-bank/.test(version.dir))
        expect(await publishShipped(s.server.ctx, (version.resolved ?? version.doc) as unknown as Program)).toBe('published');
  });
  afterAll(() => s.close());

  const fields = async (query: string) => {
    const r = await s.call('GET', `/api/screen/form${query}`);
    expect(r.status).toBe(200);
    return r.body.fields as string[];
  };

  it('asks only the questions of the programs offered in the state chosen: New York’s region in New York alone', async () => {
    const everywhere = await fields('');
    expect(everywhere).toContain('nyRegion');
    const texas = await fields('?state=US-TX');
    expect(texas).not.toContain('nyRegion');
    expect(texas).toEqual(expect.arrayContaining(['members', 'rent', 'utilities', 'otherUtilities', 'assets', 'zipCode']));
    expect(await fields('?state=US-NY&lang=es')).toContain('nyRegion');
    // Another state, or one no program is tied to: the programs tied to no state (federal SNAP, the food bank, rent).
    expect(await fields('?state=other')).not.toContain('nyRegion');
    expect(await fields('?state=US-OR')).toEqual(await fields('?state=other'));
  });

  it('refuses a state that is not an ISO 3166 code with 400 naming the parameter and how to write it', async () => {
    const r = await s.call('GET', '/api/screen/form?state=Texas');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('bad-query');
    expect(r.body.error.message).toContain('state=US-WA');
  });
});
