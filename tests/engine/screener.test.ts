/**
 * The screener's questions (issue 15, item 6): each program's declared `screener.questions`, or what its rules and
 * benefits need, asked once across programs; validation of the declared names and of placeholder-looking referral
 * texts; and with the shipped programs, a household that answers every question gets an answer from each program.
 */
import { describe, expect, it } from 'vitest';
import { compile, evaluate, screenerForm, stillNeeded, validate } from '../../engine/index.ts';
import { neededQuestions } from '../../engine/validate/needed.ts';
import type { Program } from '../../engine/format/types.ts';
import { baseProgram } from './base-program.ts';
import { shippedProgram } from '../programs/load.ts';

const codes = (doc: Program) => validate(doc).diagnostics.map((d) => `${d.code} ${d.path}`);

describe('the questions a program needs', () => {
  it('are the top-level questions its rules and benefits read, through derived values, in page order', () => {
    // members (income, SSI: the income rule and its waiver) and county (the county rule); rent is read by nothing.
    expect(neededQuestions(baseProgram())).toEqual(['members', 'county']);
  });

  it('for SNAP: every question but none the rules ignore, including the medical costs asked under a condition', () => {
    expect(neededQuestions(shippedProgram('us-snap/fy2026'))).toEqual([
      'members',
      'freeShelter',
      'rent',
      'utilities',
      'otherUtilities',
      'dependentCare',
      'childSupportPaid',
      'hasMedicalCosts',
      'medicalCosts',
      'assets',
      'receivesTanfOrSsi',
    ]);
  });
});

describe('screenerForm', () => {
  const snap = shippedProgram('us-snap/fy2026');
  const foodBank = shippedProgram('community-food-bank');
  const rental = shippedProgram('emergency-rental-assistance');

  it('asks what each program declares or needs, each question once, nothing required at any depth', () => {
    const form = screenerForm([snap, foodBank, rental]);
    expect(form.fields).toEqual([
      ...neededQuestions(snap),
      'zipCode',
      'householdSize',
      'monthlyIncome',
      // householdSize is the food bank's question already: asked once
      'annualIncome',
      'monthlyRent',
      'rentOwed',
      'pastDueRentNotice',
      'evictionNotice',
      'unsafeHousing',
    ]);
    expect(form.fields).not.toContain('name'); // the food bank's form asks it, its screener does not
    const text = JSON.stringify({ ...form.schema, allOf: undefined });
    expect(text).not.toMatch(/"required":\[|"minItems"/);
    expect(form.uiSchema['ui:order']).toEqual([...form.fields, '*']);
  });

  it("keeps the form's condition on a question asked only under it, with the condition's own test intact", () => {
    const form = screenerForm([snap]);
    expect(form.schema.properties).not.toHaveProperty('medicalCosts');
    expect(form.schema.allOf).toEqual([
      {
        if: { properties: { hasMedicalCosts: { const: true } }, required: ['hasMedicalCosts'] },
        then: { properties: { medicalCosts: expect.objectContaining({ type: 'number', title: 'Medical costs each month' }) } },
      },
    ]);
  });

  it('lets every shipped program answer from the answers to its questions: none says it needs more information', () => {
    const answers = {
      members: [{ name: 'Ana', dateOfBirth: '1990-04-02', disabled: false, earnedIncome: 1200, unearnedIncome: 0 }],
      rent: 700,
      utilities: 150,
      otherUtilities: [],
      dependentCare: 0,
      childSupportPaid: 0,
      hasMedicalCosts: false,
      assets: 500,
      receivesTanfOrSsi: false,
      zipCode: '02905',
      householdSize: 1,
      monthlyIncome: 1200,
      annualIncome: 14400,
      monthlyRent: 700,
      rentOwed: 1400,
      pastDueRentNotice: true,
      evictionNotice: false,
      unsafeHousing: false,
    };
    expect(Object.keys(answers)).toEqual(screenerForm([snap, foodBank, rental]).fields.filter((f) => f !== 'medicalCosts' && f !== 'freeShelter'));
    // (medicalCosts and freeShelter are asked only under their form's conditions, which these answers do not meet.)
    for (const program of [snap, foodBank, rental]) {
      const d = evaluate(compile(program).compiled!, answers, { asOf: '2025-11-01', partial: true });
      expect([program.id, d.eligibility, stillNeeded(program, d.missing)]).toEqual([program.id, 'eligible', []]);
    }
    // What is still needed is what the rules need, not the application's other questions (the food bank asks a name).
    const d = evaluate(compile(foodBank).compiled!, { zipCode: '02905' }, { asOf: '2025-11-01', partial: true });
    expect(d.missing.map((m) => m.path)).toContain('/name');
    expect(stillNeeded(foodBank, d.missing).map((m) => m.title)).toEqual([
      'How many people live in your household, including you?',
      'Total household income each month, before taxes',
    ]);
  });
});

describe('validation of the screener and the referral', () => {
  it('accepts declared questions that are form fields', () => {
    expect(codes({ ...baseProgram(), screener: { questions: ['members', 'county'] } })).toEqual([]);
  });

  it('refuses a question the form does not ask, suggesting the name meant', () => {
    const result = validate({ ...baseProgram(), screener: { questions: ['members', 'countey'] } });
    expect(result.program).toBeUndefined();
    const d = result.diagnostics.find((x) => x.code === 'screener.unknown-question');
    expect(d?.path).toBe('/screener/questions/1');
    expect(d?.message).toContain('"countey"');
    expect(d?.message).toContain('Did you mean "county"?');
  });

  it('refuses an empty list (leave "screener" out to ask what the rules need)', () => {
    expect(codes({ ...baseProgram(), screener: { questions: [] } }).some((c) => c.endsWith('/screener/questions'))).toBe(true);
  });

  it('warns about a referral text that looks like a placeholder, and not about real ones', () => {
    const withReferral = (referral: Program['referral']): Program => {
      const doc = { ...baseProgram(), referral };
      // Its texts are translatable: give them Spanish so the only warning left is the one under test.
      doc.translations = structuredClone(doc.translations);
      for (const [key, text] of Object.entries(referral ?? {}))
        if (key === 'organisation' || key === 'instructions') doc.translations!.es![`/referral/${key}`] = { text: `es ${text}`, source: text };
      return doc;
    };
    const warned = (referral: Program['referral']) =>
      validate(withReferral(referral))
        .diagnostics.filter((d) => d.code === 'referral.placeholder')
        .map((d) => d.path);
    expect(warned({ organisation: 'Your state SNAP agency' })).toEqual(['/referral/organisation']);
    expect(warned({ organisation: 'Community Food Bank (example organisation; replace with yours)' })).toEqual(['/referral/organisation']);
    expect(warned({ organisation: 'County office', instructions: 'Bring <documents>.', phone: 'TODO' })).toEqual([
      '/referral/instructions',
      '/referral/phone',
    ]);
    expect(
      warned({
        organisation: 'the SNAP agency of the state where you live',
        url: 'https://www.fns.usda.gov/snap/state-directory',
        instructions: 'Apply in your state.',
        phone: '+1 800 221 5689',
      }),
    ).toEqual([]);
    const d = validate(withReferral({ organisation: 'Your state SNAP agency' })).diagnostics.find((x) => x.code === 'referral.placeholder');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toContain('looks like a placeholder');
  });

  it('no shipped program shows a placeholder: SNAP names who takes applications and links to the real directory', () => {
    for (const folder of ['us-snap/fy2025', 'us-snap/fy2026', 'community-food-bank', 'emergency-rental-assistance']) {
      const program = shippedProgram(folder);
      expect(
        validate(program)
          .diagnostics.filter((d) => d.severity !== 'info')
          .map((d) => d.code),
        folder,
      ).toEqual([]);
      expect(JSON.stringify([program.owner, program.referral ?? null, program.description])).not.toMatch(
        /replace with|your state snap agency|example organi/i,
      );
    }
    expect(shippedProgram('us-snap/fy2026').referral?.url).toBe('https://www.fns.usda.gov/snap/state-directory');
  });
});
