/**
 * Shared question concepts (issue 16): the validator's checks of `form.concepts`, and SNAP's answers read as
 * concepts and turned into the food bank's answers.
 */
import { describe, expect, it } from 'vitest';
import { prefill, shareable, validate } from '../../engine/index.ts';
import { baseProgram } from './base-program.ts';
import { shippedProgram } from '../programs/load.ts';

const errorsOf = (doc: unknown) => validate(doc).diagnostics.filter((d) => d.severity === 'error');

describe('form.concepts', () => {
  it('an unknown concept is an error at its path, with a suggestion', () => {
    const doc = baseProgram();
    doc.form.concepts = { rent: 'income.monthy' };
    const [error] = errorsOf(doc);
    expect(error).toMatchObject({ code: 'form.concept-unknown', path: '/form/concepts/rent' });
    expect(error.message).toContain('Did you mean "income.monthly"?');
  });

  it('a question whose type does not fit the concept is an error naming what the concept needs', () => {
    const doc = baseProgram();
    doc.form.concepts = { rent: 'person.dateOfBirth' };
    const [error] = errorsOf(doc);
    expect(error).toMatchObject({ code: 'form.concept-type', path: '/form/concepts/rent' });
    expect(error.message).toContain('a date question');
  });

  it('a concept on a question the form does not have, or on two questions, is an error', () => {
    const doc = baseProgram();
    doc.form.concepts = { rentt: 'income.monthly' };
    expect(errorsOf(doc)[0]).toMatchObject({ code: 'form.concept-field-unknown', path: '/form/concepts/rentt' });
    const twice = baseProgram();
    twice.form.concepts = { rent: 'income.monthly', members: 'household.members' };
    // members here has no dateOfBirth: not a members list the vocabulary can carry.
    expect(errorsOf(twice).map((d) => d.code)).toEqual(['form.concept-type']);
  });

  it('the shipped programs mark their questions without errors', () => {
    for (const folder of ['us-snap/fy2026', 'community-food-bank', 'emergency-rental-assistance']) {
      expect(shippedProgram(folder).form.concepts, folder).toBeTruthy();
    }
  });

  it("SNAP's answers fill the food bank's shared questions: name, household size, income, contact", () => {
    const snap = shippedProgram('us-snap/fy2026');
    const bank = shippedProgram('community-food-bank');
    const values = shareable(snap.form.concepts ?? {}, {
      members: [
        { name: 'Ana Ruiz', dateOfBirth: '1990-04-02', disabled: false, earnedIncome: 1200, unearnedIncome: 100 },
        { name: 'Leo Ruiz', dateOfBirth: '2015-01-09', disabled: false },
      ],
      email: 'ana@example.org',
      phone: '555-0100',
    });
    expect(values).toMatchObject({ 'household.size': 2, 'person.name': 'Ana Ruiz', 'person.dateOfBirth': '1990-04-02', 'income.monthly': 1300 });
    const filled = prefill(bank.form.concepts ?? {}, values, ['person.name', 'household.size', 'income.monthly', 'contact.email']);
    expect(Object.fromEntries(filled.map((f) => [f.field, f.value]))).toEqual({
      name: 'Ana Ruiz',
      householdSize: 2,
      monthlyIncome: 1300,
      email: 'ana@example.org',
    });
  });
});
