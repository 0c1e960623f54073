/**
 * The form builder's pure parts: question types to schema + uiSchema and back (every shipped question recognised,
 * unknown shapes left alone), the edits (pages, questions, conditions, translations moving with their texts), and
 * renaming a question everywhere the definition uses it — each edited definition checked by the engine itself.
 */
import { describe, expect, it } from 'vitest';
import { decideCondition, type ConditionTree } from '../../engine/index.ts';
import { pruneHidden } from '../../engine/compile/prune.ts';
import type { JsonSchema } from '../../engine/format/types.ts';
import { check } from '../../studio/src/engine/checks.ts';
import {
  addMember,
  addQuestion,
  at,
  deleteQuestion,
  members,
  moveChoice,
  moveQuestion,
  questions,
  removeChoice,
  setQuestionCondition,
  setRequired,
  simpleConditionOf,
  type QuestionView,
} from '../../studio/src/builders/form/model.ts';
import { addPage, deletePage, leafOf, movePage, pageConditionOf, setPageCondition } from '../../studio/src/builders/form/pages.ts';
import { renameInFormula, renameQuestion, usesOf } from '../../studio/src/builders/form/rename.ts';
import { choicesOf, KINDS, kindOf, newQuestion, withChoices, withYesNoWords, yesNoWordsOf, type Json } from '../../studio/src/builders/form/types.ts';
import { shippedVersions } from '../programs/load.ts';

const words = { option: (n: number) => `Option ${n}`, member: 'Member' };
const versions = await shippedVersions();
const docOf = (id: string, version?: number): Json =>
  structuredClone(versions.find((v) => v.doc.id === id && (version === undefined || v.doc.version === version))!.doc) as unknown as Json;
const foodBank = () => docOf('community-food-bank');
const snap = () => docOf('us-snap', 2);

/** The engine's verdict on a definition: its errors and its test cases. */
function verdict(doc: Json) {
  const result = check(JSON.stringify(doc));
  return {
    errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path} ${d.message}`),
    failed: result.tests?.failed,
    total: result.tests?.total,
  };
}

function q(doc: Json, id: string): QuestionView {
  const found = questions(doc).get(id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe('question types ↔ schema and uiSchema', () => {
  it('recognises every new question as the type it was made as', () => {
    for (const kind of KINDS) {
      const made = newQuestion(kind, 'A question', words);
      expect(kindOf(made.schema, made.ui), kind).toBe(kind);
    }
  });

  it("recognises every shipped program's questions, top level and in repeating groups", () => {
    for (const v of versions) {
      const doc = structuredClone(v.doc) as unknown as Json;
      for (const question of questions(doc).values()) {
        expect(question.kind, `${v.doc.id} v${v.doc.version} ${question.pointer}`).toBeDefined();
        if (question.kind === 'group') for (const m of members(doc, question)) expect(m.kind, `${v.doc.id} ${m.pointer}`).toBeDefined();
      }
    }
    const s = snap();
    expect(q(s, 'members').kind).toBe('group');
    expect(q(s, 'rent').kind).toBe('money');
    expect(q(s, 'hasMedicalCosts').kind).toBe('yesNo');
    expect(q(s, 'medicalCosts')).toMatchObject({
      kind: 'money',
      branch: '/form/schema',
      condition: { question: 'hasMedicalCosts', op: 'is', value: true },
    });
    expect(members(s, q(s, 'members')).map((m) => [m.id, m.kind])).toEqual([
      ['name', 'text'],
      ['dateOfBirth', 'date'],
      ['disabled', 'yesNo'],
      ['earnedIncome', 'money'],
      ['unearnedIncome', 'money'],
    ]);
    const f = foodBank();
    expect([...questions(f).values()].map((x) => x.kind)).toEqual(['text', 'text', 'number', 'money', 'email', 'phone', 'yesNo']);
  });

  it('gives a yes/no question its own words and takes them away, still a yes/no question', () => {
    const plain = newQuestion('yesNo', 'Own a car?', words).schema;
    const own = withYesNoWords(plain, { yes: 'Yes, a car', no: 'No car' });
    expect(own.oneOf).toEqual([
      { const: true, title: 'Yes, a car' },
      { const: false, title: 'No car' },
    ]);
    expect(kindOf(own, { 'ui:widget': 'radio' })).toBe('yesNo');
    expect(yesNoWordsOf(own)).toEqual({ yes: 'Yes, a car', no: 'No car' });
    expect(withYesNoWords(own, { yes: '', no: '' })).toEqual(plain);
    expect(yesNoWordsOf(plain)).toBeUndefined();
  });

  it('leaves shapes it does not edit unrecognised', () => {
    expect(kindOf({ type: 'string', format: 'uri', title: 'Site' })).toBeUndefined();
    expect(kindOf({ type: 'object', title: 'Address', properties: {} })).toBeUndefined();
    expect(kindOf({ type: 'string', title: 'T', anyOf: [{ minLength: 1 }] })).toBeUndefined();
    expect(kindOf({ type: 'number', title: 'N' }, { 'ui:widget': 'range' })).toBeUndefined();
    expect(kindOf({ type: 'string', title: 'Colour', enum: ['red', 1] })).toBeUndefined();
    expect(kindOf({ type: 'string' })).toBeUndefined();
  });

  it('reads options from enum + ui:enumNames and writes them as oneOf const/title', () => {
    const schema = { type: 'string', title: 'Colour', enum: ['r', 'g'] };
    const ui = { 'ui:enumNames': ['Red', 'Green'], 'ui:widget': 'radio' };
    expect(kindOf(schema, ui)).toBe('singleChoice');
    expect(choicesOf('singleChoice', schema, ui)).toEqual([
      { value: 'r', label: 'Red' },
      { value: 'g', label: 'Green' },
    ]);
    const next = withChoices('singleChoice', schema, ui, [{ value: 'b', label: 'Blue' }]);
    expect(next).toEqual({ schema: { type: 'string', title: 'Colour', oneOf: [{ const: 'b', title: 'Blue' }] }, ui: { 'ui:widget': 'radio' } });
    expect(kindOf(next.schema, next.ui)).toBe('singleChoice');
  });
});

describe('editing the form', () => {
  it('adds a page and a question of each type, and the engine accepts the definition', () => {
    let doc = foodBank();
    const page = addPage(doc, 'About your money');
    doc = page.doc;
    expect(at(doc, `/form/pages/${page.index}`)).toEqual({ id: 'about-your-money', title: 'About your money', fields: [] });
    const ids: string[] = [];
    for (const kind of KINDS) {
      const added = addQuestion(doc, page.index, kind, `Your ${kind} answer`, words);
      doc = added.doc;
      ids.push(added.id);
    }
    expect(ids[0]).toBe('yourTextAnswer');
    expect(at(doc, `/form/pages/${page.index}/fields`)).toEqual(ids);
    // ui:order, when the form has one, lists every new question.
    expect((at(doc, '/form/uiSchema/ui:order') as string[]).slice(-ids.length)).toEqual(ids);
    const group = q(doc, ids[KINDS.indexOf('group')]);
    doc = addMember(doc, group, 'text', 'Their name', words).doc;
    doc = setRequired(doc, members(doc, q(doc, group.id))[0], true);
    expect(at(doc, `${group.pointer}/items/required`)).toEqual(['theirName']);
    expect(verdict(doc)).toEqual({ errors: [], failed: 0, total: verdict(foodBank()).total });
  });

  it('makes an id unique against the questions and derived values', () => {
    const doc = foodBank();
    expect(addQuestion(doc, 0, 'text', 'Your name', words).id).toBe('yourName');
    expect(addQuestion(doc, 0, 'text', 'Name', words).id).toBe('name2');
    expect(addQuestion(doc, 0, 'money', 'Annual income', words).id).toBe('annualIncome2');
    expect(addQuestion(doc, 0, 'text', '¿Año de nacimiento?', words).id).toBe('anoDeNacimiento');
  });

  it('requires and un-requires a question', () => {
    let doc = setRequired(foodBank(), q(foodBank(), 'monthlyIncome'), true);
    expect(at(doc, '/form/schema/required')).toEqual(['name', 'zipCode', 'householdSize', 'monthlyIncome']);
    doc = setRequired(doc, q(doc, 'name'), false);
    expect(at(doc, '/form/schema/required')).toEqual(['zipCode', 'householdSize', 'monthlyIncome']);
  });

  it('moves a page with its translations, and a question with ui:order', () => {
    let doc = foodBank();
    const es = at(doc, '/translations/es') as Json;
    const first = es['/form/pages/0/title'];
    const second = es['/form/pages/1/title'];
    doc = movePage(doc, 0, 1);
    expect((at(doc, '/form/pages') as Json[]).map((p) => p.id)).toEqual(['household', 'where', 'contact']);
    expect(at(doc, '/translations/es') as Json).toMatchObject({ '/form/pages/0/title': second, '/form/pages/1/title': first });
    doc = moveQuestion(doc, q(doc, 'name'), 0, 1, 1);
    expect(at(doc, '/form/pages/1/fields')).toEqual(['zipCode', 'name']);
    expect(at(doc, '/form/uiSchema/ui:order')).toEqual(['zipCode', 'name', 'householdSize', 'monthlyIncome', 'email', 'phone', 'contactConsent']);
    expect(verdict(doc).errors).toEqual([]);
  });

  it('reorders and removes options with their translations', () => {
    let doc = foodBank();
    const added = addQuestion(doc, 0, 'singleChoice', 'Pick one', words);
    doc = added.doc;
    const p = `/form/schema/properties/${added.id}/oneOf`;
    (doc.translations as Record<string, Json>).es[`${p}/0/title`] = 'Opción 1';
    doc = moveChoice(doc, q(doc, added.id), 0, 1);
    expect(choicesOf('singleChoice', q(doc, added.id).schema).map((c) => c.value)).toEqual(['option2', 'option1']);
    expect((doc.translations as Record<string, Json>).es[`${p}/1/title`]).toBe('Opción 1');
    doc = removeChoice(doc, q(doc, added.id), 0);
    expect((doc.translations as Record<string, Json>).es[`${p}/0/title`]).toBe('Opción 1');
  });

  it('sets a page condition in the rules’ condition format, decided by the engine’s interpreter', () => {
    let doc = foodBank();
    const condition = { question: 'householdSize', op: 'atLeast', value: 3 } as const;
    doc = setPageCondition(doc, 1, leafOf(condition));
    expect(at(doc, '/form/pages/1/showWhen')).toEqual({ fact: 'householdSize', operator: 'greaterThanInclusive', value: 3 });
    expect(pageConditionOf(at(doc, '/form/pages/1') as Json)).toEqual(condition);
    const showWhen = at(doc, '/form/pages/1/showWhen') as ConditionTree;
    expect(decideCondition(showWhen, { facts: { householdSize: 4 } })).toBe('pass');
    expect(decideCondition(showWhen, { facts: { householdSize: 2 } })).toBe('fail');
    expect(pageConditionOf({ showWhen: { any: [] } })).toBe('complex');
    expect(verdict(doc).errors).toEqual([]);
  });

  it('moves a question into a branch of its own when it gets a condition, and back, with its translations and required', () => {
    let doc = foodBank();
    const added = addQuestion(doc, 1, 'money', 'Rent each month', words);
    doc = setRequired(added.doc, q(added.doc, added.id), true);
    (doc.translations as Record<string, Json>).es[`/form/schema/properties/${added.id}/title`] = 'Alquiler mensual';
    for (const op of ['is', 'isNot', 'atLeast', 'atMost'] as const) {
      doc = setQuestionCondition(doc, q(doc, added.id), { question: 'householdSize', op, value: 2 });
      const view = q(doc, added.id);
      expect(view).toMatchObject({ branch: '/form/schema/allOf/0', required: true, condition: { question: 'householdSize', op, value: 2 } });
      expect((doc.translations as Record<string, Json>).es[`${view.pointer}/title`]).toBe('Alquiler mensual');
      expect(verdict(doc).errors, op).toEqual([]);
    }
    // Shown (kept) only when the condition holds: the engine's pruning reads the same branch.
    const schema = at(doc, '/form/schema') as JsonSchema;
    expect(pruneHidden(schema, { householdSize: 1, rentEachMonth: 5 })).toMatchObject({ rentEachMonth: 5 });
    expect(pruneHidden(schema, { householdSize: 3, rentEachMonth: 5 })).not.toHaveProperty('rentEachMonth');
    doc = setQuestionCondition(doc, q(doc, added.id), undefined);
    expect(q(doc, added.id)).toMatchObject({ branch: undefined, required: true, pointer: `/form/schema/properties/${added.id}` });
    expect(at(doc, '/form/schema/allOf')).toBeUndefined();
    expect((doc.translations as Record<string, Json>).es[`/form/schema/properties/${added.id}/title`]).toBe('Alquiler mensual');
    expect(verdict(doc).errors).toEqual([]);
  });

  it('edits the condition of us-snap’s medical costs in place (the root if/then)', () => {
    let doc = snap();
    doc = setQuestionCondition(doc, q(doc, 'medicalCosts'), { question: 'hasMedicalCosts', op: 'isNot', value: false });
    expect(at(doc, '/form/schema/if')).toEqual({
      properties: { hasMedicalCosts: { not: { const: false }, type: 'boolean' } },
      required: ['hasMedicalCosts'],
    });
    expect(simpleConditionOf(at(doc, '/form/schema') as Json)).toEqual({ question: 'hasMedicalCosts', op: 'isNot', value: false });
    expect(verdict(doc)).toMatchObject({ errors: [], failed: 0 });
  });

  it('refuses to delete a question another part uses, listing the places; deletes an unused one and its page', () => {
    const doc = foodBank();
    const refused = deleteQuestion(doc, 'zipCode', usesOf);
    expect(refused).toHaveProperty('refused');
    const kinds = (refused as { refused: { kind: string }[] }).refused.map((u) => u.kind);
    expect(kinds).toEqual(expect.arrayContaining(['condition', 'message', 'test']));
    const page = addPage(doc, 'Extra');
    const added = addQuestion(page.doc, page.index, 'text', 'Anything else', words);
    const removed = deletePage(added.doc, page.index, usesOf) as Json;
    expect(removed).toEqual(foodBank());
    const pageRefused = deletePage(doc, 0, usesOf) as { refused: { id: string }[] };
    expect(pageRefused.refused.map((r) => r.id)).toEqual(['name', 'zipCode']);
  });
});

describe('renaming a question', () => {
  it('renames it everywhere in the food bank — formula, conditions, messages, tests, translations — and its tests still pass', () => {
    const before = foodBank();
    expect(usesOf(before, 'monthlyIncome').map((u) => u.kind)).toEqual(expect.arrayContaining(['formula', 'test']));
    const doc = renameQuestion(before, q(before, 'zipCode'), 'postalCode') as Json;
    expect(doc).not.toHaveProperty('refused');
    // The question's shared concept (issue 16) follows it; the concept's own id, address.zipCode, stays.
    expect((doc.form as Json).concepts).toMatchObject({ postalCode: 'address.zipCode' });
    const text = JSON.stringify(doc).replaceAll('address.zipCode', '');
    expect(text).not.toMatch(/zipCode/);
    expect(at(doc, '/rules/0/conditions/all/0/fact')).toBe('postalCode');
    expect(at(doc, '/rules/0/messages/pass')).toBe('You live in our service area (ZIP code {postalCode}).');
    expect(Object.keys(at(doc, '/form/schema/properties') as Json)).toEqual([
      'name',
      'postalCode',
      'householdSize',
      'monthlyIncome',
      'email',
      'phone',
      'contactConsent',
    ]);
    // A translation may be an object (its text and the source it translated): the same value, moved to the new key.
    expect(at(doc, '/translations/es/~1form~1schema~1properties~1postalCode~1title')).toEqual(
      at(before, '/translations/es/~1form~1schema~1properties~1zipCode~1title'),
    );
    const renamed = renameQuestion(doc, q(doc, 'monthlyIncome'), 'income') as Json;
    expect(at(renamed, '/derived/annualIncome/formula')).toBe('income * 12');
    expect(verdict(renamed)).toEqual({ ...verdict(before), errors: [] });
  });

  it('renames us-snap’s conditioning question and a household member’s question, and its tests still pass', () => {
    const before = snap();
    let doc = renameQuestion(before, q(before, 'hasMedicalCosts'), 'paysMedical') as Json;
    expect(at(doc, '/form/schema/if/required')).toEqual(['paysMedical']);
    const group = q(doc, 'members');
    const refused = renameQuestion(doc, members(doc, group).find((m) => m.id === 'earnedIncome')!, 'wages');
    // Formulas read `m.earnedIncome`: the builder does not rewrite member reads, and says which formulas stop it.
    expect(refused).toMatchObject({ refused: 'formulas' });
    expect((refused as { uses: { pointer: string }[] }).uses.length).toBeGreaterThan(0);
    doc = renameQuestion(doc, members(doc, group).find((m) => m.id === 'name')!, 'firstName') as Json;
    expect(at(doc, '/form/uiSchema/members/items/ui:order')).toContain('firstName');
    expect(verdict(doc)).toEqual({ ...verdict(before), errors: [] });
  });

  it('refuses an id that is not an identifier or is taken', () => {
    const doc = foodBank();
    expect(renameQuestion(doc, q(doc, 'name'), '2nd name')).toEqual({ refused: 'invalid' });
    expect(renameQuestion(doc, q(doc, 'name'), 'zipCode')).toEqual({ refused: 'taken' });
    expect(renameQuestion(doc, q(doc, 'name'), 'incomeLimit')).toEqual({ refused: 'taken' });
    expect(renameQuestion(doc, q(doc, 'name'), 'name')).toBe(doc);
  });

  it('rewrites formula names outside strings and property reads only', () => {
    expect(renameInFormula("param('rent', rent) + rent * 2", 'rent', 'housing')).toBe("param('rent', housing) + housing * 2");
    expect(renameInFormula('sum(members, m => m.rent) + rent', 'rent', 'housing')).toBe('sum(members, m => m.rent) + housing');
  });
});
