/**
 * The condition builder's and the rules editors' pure parts: condition trees edited as groups (add, remove, move,
 * change a group's kind, "none of" in both shapes), the pointers of their nodes, the facts a definition offers with
 * the operators and values their kind calls for, ids from titles, and message placeholders checked against the names
 * that exist. Each transformed tree is also given to the engine, which must accept it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, OPERATORS, type ConditionTree, type Program } from '../../engine/index.ts';
import { loadAllPrograms } from '../../runtime/fs/program-folder.ts';
import {
  defaultOperator,
  defaultValue,
  factsOf,
  memberOperatorsFor,
  operatorsFor,
  paramChoices,
  parseLiteral,
  valueShape,
} from '../../studio/src/builders/conditions/facts.ts';
import {
  addChild,
  asRootGroup,
  childrenOf,
  kindOf,
  makeGroup,
  moveChild,
  nodeAt,
  pointerOf,
  removeAt,
  setGroupKind,
  sharedRefs,
  updateAt,
  valueSourceOf,
  wrapInGroup,
} from '../../studio/src/builders/conditions/tree.ts';
import {
  formulaNames,
  identifierFrom,
  insertPlaceholder,
  isReferenced,
  slugFrom,
  templateNames,
  templatePieces,
} from '../../studio/src/builders/rules/names.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const programs = await loadAllPrograms(path.join(ROOT, 'programs'));
const foodBank = programs.find((p) => p.doc.id === 'community-food-bank')!.doc as unknown as Program;

const a = { fact: 'householdSize', operator: 'lessThanInclusive', value: 8 };
const b = { fact: 'zipCode', operator: 'isSet', value: true };
const c = { condition: 'in-area' };

describe('condition trees', () => {
  it('reads "none of" in both shapes and writes one child as { not: child }, several under an inner any', () => {
    expect(childrenOf({ not: a })).toEqual([a]);
    expect(childrenOf({ not: { any: [a, b] } })).toEqual([a, b]);
    expect(makeGroup('none', [a])).toEqual({ not: a });
    expect(makeGroup('none', [a, b])).toEqual({ not: { any: [a, b] } });
    // A lone "any of" group inside "none of" stays a group of its own.
    const lone = makeGroup('none', [{ any: [a, b] }]);
    expect(lone).toEqual({ not: { any: [{ any: [a, b] }] } });
    expect(childrenOf(lone)).toEqual([{ any: [a, b] }]);
    // A named inner any is a child, not the group's own list.
    expect(childrenOf({ not: { any: [a], name: 'x' } })).toEqual([{ any: [a], name: 'x' }]);
  });

  it('adds, removes, moves and regroups children at any depth, keeping group names', () => {
    let tree: ConditionTree = { all: [a], name: 'outer' };
    tree = addChild(tree, [], { any: [] });
    tree = addChild(tree, [1], b);
    tree = addChild(tree, [1], c);
    expect(tree).toEqual({ all: [a, { any: [b, c] }], name: 'outer' });
    expect(nodeAt(tree, [1, 1])).toEqual(c);
    tree = moveChild(tree, [1], 1, 0);
    expect(nodeAt(tree, [1])).toEqual({ any: [c, b] });
    tree = moveChild(tree, [], 0, 5);
    expect(kindOf(nodeAt(tree, [1])!)).toBe('leaf');
    tree = setGroupKind(tree, [0], 'none');
    expect(tree).toEqual({ all: [{ not: { any: [c, b] } }, a], name: 'outer' });
    tree = removeAt(tree, [0, 0]);
    expect(tree).toEqual({ all: [{ not: b }, a], name: 'outer' });
    tree = setGroupKind(tree, [], 'any');
    expect(tree).toEqual({ any: [{ not: b }, a], name: 'outer' });
    tree = updateAt(tree, [1], (n) => ({ ...(n as typeof a), value: 6 }));
    expect(nodeAt(tree, [1])).toEqual({ ...a, value: 6 });
    expect(wrapInGroup(tree, [1], 'all')).toEqual({ any: [{ not: b }, { all: [{ ...a, value: 6 }] }], name: 'outer' });
  });

  it('refuses to remove the outermost group or to reach into a leaf', () => {
    expect(() => removeAt({ all: [] }, [])).toThrow(/outermost/);
    expect(() => updateAt({ all: [a] }, [0, 0], (n) => n)).toThrow(/leaf has no children/);
    expect(() => updateAt({ all: [a] }, [3], (n) => n)).toThrow(/the group has 1/);
    expect(() => addChild({ all: [a] }, [0], b)).toThrow(/only be added to a group/);
  });

  it('names each node by its JSON Pointer in the definition', () => {
    const tree: ConditionTree = { all: [a, { not: { any: [b, { any: [c] }] } }, { not: a }] };
    expect(pointerOf(tree, '/rules/0/conditions', [])).toBe('/rules/0/conditions');
    expect(pointerOf(tree, '/rules/0/conditions', [1, 1, 0])).toBe('/rules/0/conditions/all/1/not/any/1/any/0');
    expect(pointerOf(tree, '/x', [2, 0])).toBe('/x/all/2/not');
    expect(sharedRefs(tree)).toEqual(['in-area']);
  });

  it('puts a leaf or a reference at the root into an "all of" group', () => {
    expect(asRootGroup(undefined)).toEqual({ all: [] });
    expect(asRootGroup(a)).toEqual({ all: [a] });
    expect(asRootGroup({ any: [a] })).toEqual({ any: [a] });
  });

  it('tells where a value comes from', () => {
    expect(valueSourceOf(8)).toBe('value');
    expect(valueSourceOf([1, 2])).toBe('value');
    expect(valueSourceOf({ fact: 'incomeLimit' })).toBe('fact');
    expect(valueSourceOf({ param: 'limit' })).toBe('param');
    expect(valueSourceOf({ field: 'age', operator: 'greaterThan', value: 59 })).toBe('members');
  });

  it('gives the engine trees it accepts: a rule built group by group compiles and decides', () => {
    let tree: ConditionTree = { all: [] };
    tree = addChild(tree, [], { fact: 'zipCode', operator: 'inList', value: { param: 'service_zip_codes' } });
    tree = addChild(tree, [], { any: [] });
    tree = addChild(tree, [1], { fact: 'householdSize', operator: 'lessThanInclusive', value: { param: 'renewal_days' } });
    tree = addChild(tree, [1], { fact: 'annualIncome', operator: 'lessThanInclusive', value: { fact: 'incomeLimit' } });
    tree = setGroupKind(tree, [1], 'none');
    const doc = { ...foodBank, rules: [...foodBank.rules, { id: 'built', title: 'Built', conditions: tree, messages: { pass: 'ok', fail: 'no' } }] };
    const { compiled, diagnostics } = compile(doc);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(compiled).toBeDefined();
  });
});

describe('facts of a definition', () => {
  const doc = {
    ...foodBank,
    form: {
      ...foodBank.form,
      schema: {
        ...(foodBank.form.schema as object),
        properties: {
          ...((foodBank.form.schema as { properties: object }).properties as object),
          housing: { type: 'string', title: 'Where do you live?', enum: ['rent', 'own'] },
          movedIn: { type: 'string', title: 'Moved in on', format: 'date' },
          veteran: { type: 'boolean', title: 'Are you a veteran?' },
          members: { type: 'array', title: 'People', items: { type: 'object', properties: { age: { type: 'integer', title: 'Age' } } } },
        },
      },
      uiSchema: { ...foodBank.form.uiSchema, housing: { 'ui:enumNames': ['I rent', 'I own'] } },
    },
  } as unknown as Record<string, unknown>;
  const facts = factsOf(doc);
  const byName = new Map(facts.map((f) => [f.name, f]));

  it('reads each question by its title and kind, with choices and member questions', () => {
    expect(byName.get('householdSize')).toMatchObject({
      title: 'How many people live in your household, including you?',
      kind: 'number',
      source: 'question',
    });
    expect(byName.get('monthlyIncome')).toMatchObject({ kind: 'money', unit: 'USD/month' });
    expect(byName.get('housing')?.options).toEqual([
      { value: 'rent', label: 'I rent' },
      { value: 'own', label: 'I own' },
    ]);
    expect(byName.get('movedIn')?.kind).toBe('date');
    expect(byName.get('veteran')?.kind).toBe('boolean');
    expect(byName.get('members')).toMatchObject({ kind: 'members', members: [{ name: 'age', title: 'Age', kind: 'number' }] });
  });

  it('offers derived values and scalar parameters (tables are reached through derived values), and parameters to compare with', () => {
    expect(byName.get('annualIncome')).toMatchObject({ source: 'derived', kind: 'money', title: 'Yearly household income' });
    expect(byName.get('param:renewal_days')).toMatchObject({ source: 'parameter', kind: 'number' });
    expect(byName.has('param:poverty_guideline')).toBe(false);
    expect(paramChoices(doc).map((p) => [p.name, p.type])).toEqual([
      ['service_zip_codes', 'list'],
      ['income_limit_percent_of_poverty', 'scalar'],
      ['renewal_days', 'scalar'],
    ]);
    expect(factsOf(doc, { derived: false, parameters: false }).every((f) => f.source === 'question')).toBe(true);
  });

  it('offers the operators a kind calls for, all of them the engine’s, and keeps one a definition already uses', () => {
    expect(operatorsFor('money')).toContain('lessThanInclusive');
    expect(operatorsFor('boolean')).toEqual(['equal', 'notEqual', 'isSet', 'isNotSet']);
    expect(operatorsFor('members').slice(0, 3)).toEqual(['anyMember', 'allMembers', 'noMember']);
    expect(operatorsFor('boolean', 'dateAfter')).toContain('dateAfter');
    expect(memberOperatorsFor('number')).not.toContain('anyMember');
    for (const kind of ['number', 'money', 'boolean', 'choice', 'choices', 'date', 'text', 'members', 'any'] as const)
      for (const op of operatorsFor(kind)) expect(Object.hasOwn(OPERATORS, op), op).toBe(true);
  });

  it('starts a leaf with a value of the right shape and reads typed literals by kind', () => {
    expect(valueShape('isSet')).toBe('none');
    expect(valueShape('in')).toBe('list');
    expect(valueShape('anyMember')).toBe('members');
    expect(defaultOperator('money')).toBe('lessThanInclusive');
    expect(defaultValue('money', 'lessThanInclusive')).toBe(0);
    expect(defaultValue('choice', 'equal', [{ value: 'rent', label: 'I rent' }])).toBe('rent');
    expect(defaultValue('text', 'in')).toEqual([]);
    expect(parseLiteral('money', '$1,250.50')).toBe(1250.5);
    expect(parseLiteral('number', '')).toBe('');
    expect(parseLiteral('number', 'eight')).toBe('eight');
    expect(parseLiteral('boolean', 'false')).toBe(false);
    expect(parseLiteral('choice', '2', [{ value: 2, label: 'Two' }])).toBe(2);
  });
});

describe('names for rules, messages and formulas', () => {
  const doc = foodBank as unknown as Record<string, unknown>;

  it('makes unique ids and names from titles', () => {
    expect(slugFrom('Household size is at most 8', [])).toBe('household-size-is-at-most-8');
    expect(slugFrom('Tamaño del hogar', ['tamano-del-hogar'])).toBe('tamano-del-hogar-2');
    expect(slugFrom('¿?', [])).toBe('rule');
    expect(identifierFrom('Yearly income (net)', ['yearlyIncomeNet'])).toBe('yearlyIncomeNet2');
    expect(identifierFrom('2 adults', [])).toBe('v2Adults');
  });

  it('marks each placeholder of a message known or unknown, with the names the engine accepts', () => {
    const known = new Set(templateNames(doc).map((n) => n.name));
    expect(known.has('zipCode') && known.has('incomeLimit') && known.has('param:renewal_days')).toBe(true);
    expect(templatePieces('Income {annualIncome} over {incomLimit}.', known)).toEqual([
      { text: 'Income ' },
      { name: 'annualIncome', known: true },
      { text: ' over ' },
      { name: 'incomLimit', known: false },
      { text: '.' },
    ]);
    // The engine reports the same unknown name.
    const rules = structuredClone(foodBank.rules);
    rules[1].messages.fail = 'Income {annualIncome} over {incomLimit}.';
    const { diagnostics } = compile({ ...foodBank, rules });
    expect(diagnostics.filter((d) => d.code === 'template.unknown-name').map((d) => [d.path, d.params?.name])).toEqual([
      ['/rules/1/messages/fail', 'incomLimit'],
    ]);
  });

  it('inserts a placeholder at the caret', () => {
    expect(insertPlaceholder('Size: .', 6, 'householdSize')).toEqual({ text: 'Size: {householdSize}.', caret: 21 });
    expect(insertPlaceholder('', 99, 'x')).toEqual({ text: '{x}', caret: 3 });
  });

  it('offers a formula every name but its own, parameters and the functions with their signatures', () => {
    const names = formulaNames(doc, 'incomeLimit');
    expect(names.some((n) => n.name === 'incomeLimit')).toBe(false);
    expect(names.find((n) => n.name === 'householdSize')?.source).toBe('question');
    expect(names.find((n) => n.name === 'poverty_guideline')?.source).toBe('parameter');
    expect(names.find((n) => n.name === 'sum')?.signature).toBe('sum(list, m => value?)');
  });

  it('knows when a derived value is used elsewhere', () => {
    expect(isReferenced(doc, 'incomeLimit')).toBe(true);
    expect(isReferenced({ ...doc, derived: { ...foodBank.derived, newValue: { title: 'New value', formula: '0' } } }, 'newValue')).toBe(false);
  });
});
