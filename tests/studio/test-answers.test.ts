import { describe, expect, it } from 'vitest';
import { missingAnswers, withTestAnswer } from '../../studio/src/draft/test-answers.ts';

const doc = {
  form: {
    schema: {
      type: 'object',
      required: ['name', 'livesInServiceArea', 'householdSize'],
      properties: {
        name: { type: 'string', title: 'Your name' },
        livesInServiceArea: { type: 'boolean', title: 'Do you live in the service area?' },
        householdSize: { type: 'integer', title: 'Household size' },
        note: { type: 'string' },
      },
    },
  },
  tests: [
    { name: 'a', input: { name: 'Ana', householdSize: 1 }, expected: { eligibility: 'eligible' } },
    { name: 'b', input: { name: 'Ben' }, expected: { eligibility: 'eligible' } },
  ],
};

describe('test case answers', () => {
  it('lists the required questions a case does not answer, with the kind of answer each takes', () => {
    expect(missingAnswers(doc, 0)).toEqual([{ name: 'livesInServiceArea', title: 'Do you live in the service area?', kind: 'boolean' }]);
    expect(missingAnswers(doc, 1).map((m) => [m.name, m.kind])).toEqual([
      ['livesInServiceArea', 'boolean'],
      ['householdSize', 'number'],
    ]);
    expect(missingAnswers(doc, 5)).toEqual([]);
  });

  it('adds one answer to one case and leaves the others as they were', () => {
    const next = withTestAnswer(doc, 0, 'livesInServiceArea', true);
    expect(next.tests).toEqual([{ ...doc.tests[0], input: { name: 'Ana', householdSize: 1, livesInServiceArea: true } }, doc.tests[1]]);
    expect(missingAnswers(next, 0)).toEqual([]);
    expect(doc.tests[0].input).toEqual({ name: 'Ana', householdSize: 1 });
  });
});
