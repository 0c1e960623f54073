import { describe, expect, it } from 'vitest';
import { compile, validate } from '../../engine/index.ts';
import type { Diagnostic, Program } from '../../engine/format/types.ts';
import { baseProgram } from './base-program.ts';

type Doc = Program & Record<string, any>;

/** Validates the base program after `mutate` and returns its diagnostics. */
function check(mutate: (p: Doc) => void): Diagnostic[] {
  const doc = baseProgram() as Doc;
  mutate(doc);
  return validate(doc).diagnostics;
}

function find(diagnostics: Diagnostic[], code: string, path?: string): Diagnostic {
  const hit = diagnostics.find((d) => d.code === code && (path === undefined || d.path === path));
  if (!hit)
    throw new Error(`no ${code}${path ? ` at ${path}` : ''} among:\n${diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`).join('\n')}`);
  return hit;
}

describe('validate: the base program', () => {
  it('is valid with no diagnostics and compiles', () => {
    const result = compile(baseProgram());
    expect(result.diagnostics).toEqual([]);
    expect(result.compiled).toBeDefined();
    expect(result.compiled?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports a non-object document', () => {
    const { diagnostics, program } = validate([1, 2]);
    expect(program).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'document.not-object', path: '', severity: 'error' });
    expect(diagnostics[0].message).toContain('a list');
  });
});

describe('validate: format schema violations in words', () => {
  const cases: { name: string; mutate: (p: Doc) => void; code: string; path: string; words: string[] }[] = [
    {
      name: 'missing required property',
      mutate: (p) => delete (p as any).title,
      code: 'schema.required',
      path: '',
      words: ['missing the required property "title"'],
    },
    {
      name: 'misspelt property',
      mutate: (p) => ((p.rules[0] as any).mesages = {}),
      code: 'schema.additional-property',
      path: '/rules/0/mesages',
      words: ['rule "income"', 'Did you mean "messages"?'],
    },
    { name: 'wrong type', mutate: (p) => ((p as any).version = 'two'), code: 'schema.type', path: '/version', words: ['must be a whole number'] },
    {
      name: 'enum',
      mutate: (p) => ((p.benefits![0] as any).period = 'monthly'),
      code: 'schema.enum',
      path: '/benefits/0/period',
      words: ['"monthly"', '"month"'],
    },
    { name: 'bad date', mutate: (p) => (p.effectiveFrom = '2025-02-30'), code: 'schema.format', path: '/effectiveFrom', words: ['YYYY-MM-DD'] },
    { name: 'bad id', mutate: (p) => (p.id = 'Food Help'), code: 'schema.pattern', path: '/id', words: ['lowercase letters'] },
    {
      name: 'missing condition operator',
      mutate: (p) => delete (p.rules[0].conditions as any).all[0].operator,
      code: 'schema.required',
      path: '/rules/0/conditions/all/0',
      words: ['"operator"'],
    },
    {
      name: 'unknown role in a transition',
      mutate: (p) => ((p.workflow.transitions[0].roles as string[])[0] = 'clerk'),
      code: 'schema.enum',
      path: '/workflow/transitions/0/roles/0',
      words: ['"clerk"', '"caseworker"'],
    },
    {
      name: 'parameter name not a formula name',
      mutate: (p) => (p.parameters['max-benefit'] = p.parameters.max_benefit),
      code: 'schema.key-pattern',
      path: '/parameters/max-benefit',
      words: ['"max-benefit"', 'underscores'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const diagnostics = check(c.mutate);
      const d = find(diagnostics, c.code, c.path);
      expect(d.severity).toBe('error');
      for (const w of c.words) expect(d.message).toContain(w);
      expect(validate(baseProgram()).program).toBeDefined();
    });
  }
});

describe('validate: meaning', () => {
  const cases: { name: string; mutate: (p: Doc) => void; code: string; path: string; words: string[]; severity?: string }[] = [
    {
      name: 'form schema invalid',
      mutate: (p) => ((p.form.schema.properties as any).rent.type = 'money'),
      code: 'form.schema-invalid',
      path: '/form/schema/properties/rent/type',
      words: ['not a valid JSON Schema'],
    },
    {
      name: 'form schema not strict',
      mutate: (p) => ((p.form.schema.properties as any).rent.unit = 'USD'),
      code: 'form.schema-strict',
      path: '/form/schema/properties/rent/unit',
      words: ['unknown keyword: "unit"', 'uiSchema'],
    },
    {
      name: 'field with no title',
      mutate: (p) => delete (p.form.schema.properties as any).county.title,
      code: 'form.field-untitled',
      path: '/form/schema/properties/county',
      words: ['"county" has no "title"'],
      severity: 'warning',
    },
    {
      name: 'field on no page',
      mutate: (p) => (p.form.pages[1].fields = ['rent']),
      code: 'form.field-no-page',
      path: '/form/schema/properties/county',
      words: ['"county" is on no page'],
    },
    {
      name: 'field on two pages',
      mutate: (p) => p.form.pages[0].fields.push('rent'),
      code: 'form.field-two-pages',
      path: '/form/schema/properties/rent',
      words: ['on 2 pages', '"household", "housing"'],
    },
    {
      name: 'page naming an unknown field',
      mutate: (p) => p.form.pages[0].fields.push('rnet'),
      code: 'form.page-unknown-field',
      path: '/form/pages/0/fields/1',
      words: ['"rnet"', 'Did you mean "rent"?'],
    },
    {
      name: 'duplicate page id',
      mutate: (p) => (p.form.pages[1].id = 'household'),
      code: 'form.page-duplicate-id',
      path: '/form/pages/1/id',
      words: ['pages 1 and 2'],
    },
    {
      name: 'formula that does not parse',
      mutate: (p) => (p.derived!.income.formula = 'sum(members, m => m.income +)'),
      code: 'formula.parse',
      path: '/derived/income/formula',
      words: ['does not parse', 'at character'],
    },
    {
      name: 'formula naming an unknown identifier',
      mutate: (p) => (p.derived!.householdSize.formula = 'count(member)'),
      code: 'formula.unknown-identifier',
      path: '/derived/householdSize/formula',
      words: ['"member"', 'Did you mean "members"?'],
    },
    {
      name: 'formula naming an unknown parameter',
      mutate: (p) => (p.derived!.incomeLimit.formula = "param('income_limits', householdSize)"),
      code: 'reference.unknown-parameter',
      path: '/derived/incomeLimit/formula',
      words: ['"income_limits"', 'Did you mean "income_limit"?'],
    },
    {
      name: 'member field the form never collects',
      mutate: (p) => (p.derived!.income.formula = 'sum(members, m => m.incom)'),
      code: 'form.field-not-collected',
      path: '/derived/income/formula',
      words: ['"incom"', 'each item of "members"', 'Did you mean "income"?'],
    },
    {
      name: 'rule naming an unknown fact',
      mutate: (p) => ((p.rules[0].conditions as any).all[0].fact = 'incme'),
      code: 'reference.unknown-fact',
      path: '/rules/0/conditions/all/0/fact',
      words: ['"incme"', 'Did you mean "income"?'],
    },
    {
      name: 'rule comparing with an unknown fact',
      mutate: (p) => ((p.rules[0].conditions as any).all[0].value = { fact: 'limit' }),
      code: 'reference.unknown-fact',
      path: '/rules/0/conditions/all/0/value/fact',
      words: ['"limit"'],
    },
    {
      name: 'rule naming an unknown parameter',
      mutate: (p) => ((p.rules[1].conditions as any).all[0].value = { param: 'counties' }),
      code: 'reference.unknown-parameter',
      path: '/rules/1/conditions/all/0/value/param',
      words: ['"counties"'],
    },
    {
      name: 'unknown operator',
      mutate: (p) => ((p.rules[0].conditions as any).all[0].operator = 'lessThanOrEqual'),
      code: 'condition.unknown-operator',
      path: '/rules/0/conditions/all/0/operator',
      words: ['"lessThanOrEqual"', 'no implementation'],
    },
    {
      name: 'member-wise field not on the items',
      mutate: (p) => ((p.rules[0].waiver!.conditions as any).any[0].value.field = 'getsSSI'),
      code: 'condition.member-field-unknown',
      path: '/rules/0/waiver/conditions/any/0/value/field',
      words: ['"getsSSI"', '"receivesSSI"'],
    },
    {
      name: 'member-wise operator on a non-list',
      mutate: (p) => ((p.rules[0].waiver!.conditions as any).any[0].fact = 'rent'),
      code: 'condition.member-not-array',
      path: '/rules/0/waiver/conditions/any/0/fact',
      words: ['not a list'],
    },
    {
      name: 'member-wise operator without a member test',
      mutate: (p) => ((p.rules[0].waiver!.conditions as any).any[0].value = true),
      code: 'condition.member-value',
      path: '/rules/0/waiver/conditions/any/0/value',
      words: ['"anyMember"', '"field"'],
    },
    {
      name: 'member-wise operator nested in a member test',
      mutate: (p) => ((p.rules[0].waiver!.conditions as any).any[0].value.operator = 'anyMember'),
      code: 'condition.member-operator-nested',
      path: '/rules/0/waiver/conditions/any/0/value/operator',
      words: ['"anyMember"', 'plain operator'],
    },
    {
      name: 'unknown operator inside a member test',
      mutate: (p) => ((p.rules[0].waiver!.conditions as any).any[0].value.operator = 'equals'),
      code: 'condition.unknown-operator',
      path: '/rules/0/waiver/conditions/any/0/value/operator',
      words: ['"equals"', 'no implementation', 'equal'],
    },
    {
      name: 'table parameter without a key',
      mutate: (p) => (p.derived!.incomeLimit.formula = "param('income_limit')"),
      code: 'parameter.table-without-key',
      path: '/derived/incomeLimit/formula',
      words: ['without a key', 'householdSize'],
    },
    {
      name: 'scalar parameter with a key',
      mutate: (p) => (p.derived!.benefit.formula = "max(param('max_benefit', householdSize) - income * param('reduction_rate'), 0)"),
      code: 'parameter.scalar-with-key',
      path: '/derived/benefit/formula',
      words: ['"max_benefit"', 'only tables have rows'],
    },
    {
      name: 'table parameter in a condition',
      mutate: (p) => ((p.rules[0].conditions as any).all[0].value = { param: 'income_limit' }),
      code: 'parameter.table-in-condition',
      path: '/rules/0/conditions/all/0/value/param',
      words: ['table parameter "income_limit"'],
    },
    {
      name: 'parameter with no value on effectiveFrom',
      mutate: (p) => delete p.parameters.max_benefit.values['2025-01-01'] && (p.parameters.max_benefit.values['2025-02-01'] = 300),
      code: 'parameter.no-value',
      path: '/parameters/max_benefit/values',
      words: ['no value in force on 2025-01-01', 'first day of version 1'],
    },
    {
      name: 'parameter with no value on a test date',
      mutate: (p) => (p.tests![0].date = '2024-12-01'),
      code: 'parameter.no-value',
      path: '/parameters/income_limit/values',
      words: ['2024-12-01', 'date of test case'],
    },
    {
      name: 'parameter value of the wrong shape',
      mutate: (p) => (p.parameters.max_benefit.values['2025-01-01'] = [300]),
      code: 'parameter.value-shape',
      path: '/parameters/max_benefit/values/2025-01-01',
      words: ['scalar', 'a list'],
    },
    {
      name: 'parameter dated on a day that does not exist',
      mutate: (p) => (p.parameters.max_benefit.values['2025-02-30'] = 300),
      code: 'document.date-invalid',
      path: '/parameters/max_benefit/values/2025-02-30',
      words: ['"2025-02-30" is not a calendar date'],
    },
    {
      name: 'cycle among derived values',
      mutate: (p) => (p.derived!.householdSize.formula = 'count(members) + incomeLimit * 0'),
      code: 'derived.cycle',
      path: '/derived/householdSize/formula',
      words: ['householdSize → incomeLimit → householdSize'],
    },
    {
      name: 'bare number in a formula',
      mutate: (p) => (p.derived!.benefit.formula = 'max(300 - income, 0)'),
      code: 'formula.bare-number',
      path: '/derived/benefit/formula',
      words: ['bare number 300', 'parameter'],
      severity: 'warning',
    },
    {
      name: 'bare number in a rule value',
      mutate: (p) => ((p.rules[0].conditions as any).all[0].value = 1500),
      code: 'formula.bare-number',
      path: '/rules/0/conditions/all/0/value',
      words: ['bare number 1500', '{ "param": "name" }'],
      severity: 'warning',
    },
    {
      name: 'message naming an unknown value',
      mutate: (p) => (p.rules[0].messages.fail = 'Your income {incme} is too high.'),
      code: 'template.unknown-name',
      path: '/rules/0/messages/fail',
      words: ['{incme}', 'Did you mean "income"?'],
    },
    {
      name: 'duplicate rule id',
      mutate: (p) => (p.rules[1].id = 'income'),
      code: 'rule.duplicate-id',
      path: '/rules/1/id',
      words: ['rules 1 and 2'],
    },
    {
      name: 'duplicate benefit id',
      mutate: (p) => p.benefits!.push({ ...p.benefits![0] }),
      code: 'benefit.duplicate-id',
      path: '/benefits/1/id',
      words: ['"monthly"'],
    },
    {
      name: 'duplicate test name',
      mutate: (p) => p.tests!.push(structuredClone(p.tests![0])),
      code: 'test.duplicate-name',
      path: '/tests/1/name',
      words: ['cases 1 and 2'],
    },
    {
      name: 'test expecting an unknown rule',
      mutate: (p) => (p.tests![0].expected.reasons = { incom: 'pass' }),
      code: 'test.unknown-name',
      path: '/tests/0/expected/reasons/incom',
      words: ['rule named "incom"'],
    },
    {
      name: 'initial state that does not exist',
      mutate: (p) => (p.workflow.initial = 'submited'),
      code: 'workflow.unknown-initial',
      path: '/workflow/initial',
      words: ['"submited"', 'Did you mean "submitted"?'],
    },
    {
      name: 'transition to an unknown state',
      mutate: (p) => (p.workflow.transitions[0].to = 'reviewing'),
      code: 'workflow.unknown-state',
      path: '/workflow/transitions/0/to',
      words: ['leads to the state "reviewing"'],
    },
    {
      name: 'transition from an unknown state',
      mutate: (p) => (p.workflow.transitions[2].from = ['submitted', 'revue']),
      code: 'workflow.unknown-state',
      path: '/workflow/transitions/2/from/1',
      words: ['starts from the state "revue"', 'Did you mean "review"?'],
    },
    {
      name: 'unreachable state',
      mutate: (p) => (p.workflow.states.appeal = { title: 'Appeal', terminal: true }),
      code: 'workflow.unreachable',
      path: '/workflow/states/appeal',
      words: ['cannot be reached from the initial state "submitted"'],
    },
    {
      name: 'non-terminal state with no way out',
      mutate: (p) => {
        p.workflow.states.approved.terminal = false;
      },
      code: 'workflow.dead-end',
      path: '/workflow/states/approved',
      words: ['stuck', '"terminal": true'],
      severity: 'warning',
    },
    {
      name: 'two transitions for the same event and state',
      mutate: (p) => p.workflow.transitions.push({ ...p.workflow.transitions[2], to: 'approved' }),
      code: 'workflow.duplicate-transition',
      path: '/workflow/transitions/3/from/0',
      words: ['event "deny" from the state "submitted"'],
    },
    {
      name: 'action type with no implementation',
      mutate: (p) => (p.workflow.transitions[1].actions = [{ type: 'email', to: 'applicant' }]),
      code: 'workflow.unknown-action',
      path: '/workflow/transitions/1/actions/0/type',
      words: ['"email"', '"notify"'],
    },
    {
      name: 'action with bad parameters',
      mutate: (p) => (p.workflow.transitions[1].actions = [{ type: 'notify', to: 'applicant' }]),
      code: 'workflow.action-params',
      path: '/workflow/transitions/1/actions/0',
      words: ['"template" is missing'],
    },
    {
      name: 'action naming an unknown role',
      mutate: (p) => (p.workflow.transitions[0].actions = [{ type: 'assign', to: 'role:clerk' }]),
      code: 'workflow.unknown-role',
      path: '/workflow/transitions/0/actions/0/to',
      words: ['role "clerk"'],
    },
    {
      name: 'guard testing a fact other than actor or case',
      mutate: (p) => ((p.workflow.transitions[1].guard!.conditions as any).all[0].fact = 'income'),
      code: 'workflow.guard-fact',
      path: '/workflow/transitions/1/guard/conditions/all/0/fact',
      words: ['"actor"', '"case"'],
    },
    {
      name: 'deadline naming an unknown state',
      mutate: (p) => (p.workflow.deadlines![0].until = ['approved', 'rejected']),
      code: 'workflow.deadline-unknown-state',
      path: '/workflow/deadlines/0/until/1',
      words: ['"rejected"'],
    },
    {
      name: 'deadline naming an unknown parameter',
      mutate: (p) => (p.workflow.deadlines![0].days = { param: 'decision_day' }),
      code: 'workflow.deadline-unknown-parameter',
      path: '/workflow/deadlines/0/days/param',
      words: ['"decision_day"', 'Did you mean "decision_days"?'],
    },
    {
      name: 'missing translation',
      mutate: (p) => delete p.translations!.es['/rules/0/title'],
      code: 'translation.missing',
      path: '/rules/0/title',
      words: ['es translation of "Income test"'],
      severity: 'warning',
    },
    {
      name: 'translation pointing nowhere',
      mutate: (p) => (p.translations!.es['/rules/0/titel'] = 'Prueba'),
      code: 'translation.unknown-path',
      path: '/translations/es/~1rules~10~1titel',
      words: ['/rules/0/titel', 'Did you mean "/rules/0/title"?'],
      severity: 'warning',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const diagnostics = check(c.mutate);
      const d = find(diagnostics, c.code, c.path);
      expect(d.severity).toBe(c.severity ?? 'error');
      for (const w of c.words) expect(d.message).toContain(w);
    });
  }

  it('blocks compile on errors but not on warnings', () => {
    const broken = baseProgram() as Doc;
    broken.workflow.initial = 'nowhere';
    expect(compile(broken).compiled).toBeUndefined();
    const warned = baseProgram() as Doc;
    delete warned.translations!.es['/title'];
    const result = compile(warned);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['translation.missing']);
    expect(result.compiled).toBeDefined();
  });

  it('reports a form property whose schema is not a schema (null, a number, text, a list) instead of throwing', () => {
    // Found by the fuzz test (tests/runtime/fuzz.test.ts): a null property schema crashed the title checks.
    for (const bad of [null, 5, 'x', []]) {
      const doc = baseProgram() as Doc;
      (doc.form.schema as { properties: Record<string, unknown> }).properties.members = bad;
      const result = compile(doc);
      expect(result.compiled).toBeUndefined();
      expect(find(result.diagnostics, 'form.schema-invalid', '/form/schema/properties/members').message).toContain('must be object,boolean');
    }
  });

  it('reports one missing translation per text, sorted after errors', () => {
    const doc = baseProgram() as Doc;
    doc.translations = { es: {} };
    doc.workflow.initial = 'nowhere';
    const diagnostics = validate(doc).diagnostics;
    const missing = diagnostics.filter((d) => d.code === 'translation.missing');
    expect(new Set(missing.map((d) => d.path)).size).toBe(missing.length);
    expect(missing.length).toBeGreaterThan(20);
    expect(diagnostics[0].severity).toBe('error');
  });
});

describe('validate: checks an analyst needs (issue 11)', () => {
  const items = (p: Doc) => (p.form.schema.properties as any).members.items;
  const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.path}`);

  it('warns about an optional question a rule needs, through derived values, saying how to fix it', () => {
    const d = find(
      check((p) => (items(p).required = ['name'])),
      'form.optional-needed',
      '/form/schema/properties/members/items/properties/income',
    );
    expect(d.severity).toBe('warning');
    for (const w of ['"members[].income"', '("Monthly income")', 'rule "income" needs its answer', '"needs more information"', 'Make it required'])
      expect(d.message).toContain(w);
    expect(d.message).toContain('say why at /form/uiSchema/members/items/income: "ui:options": { "mayStayBlank": "<why>" }');
  });

  it('names the benefit when only a benefit needs the answer', () => {
    const d = find(
      check((p) => {
        (p.form.schema.properties as any).rent.title = 'Monthly rent';
        p.form.schema.required = ['members'];
        p.benefits![0].formula = 'benefit + rent * 0';
      }),
      'form.optional-needed',
      '/form/schema/properties/rent',
    );
    expect(d.message).toContain('benefit "monthly" needs its answer');
  });

  it('accepts a required, defaulted, conditionally required or deliberately optional question, and blank-aware uses', () => {
    const none = (mutate: (p: Doc) => void) => expect(codes(check(mutate)).filter((c) => c.startsWith('form.optional-needed'))).toEqual([]);
    none((p) => {
      items(p).required = ['name'];
      items(p).properties.income.default = 0;
    });
    none((p) => {
      items(p).required = ['name'];
      p.derived!.income.formula = 'sum(members, m => coalesce(m.income, 0))';
    });
    none((p) => {
      items(p).required = ['name'];
      items(p).if = { properties: { name: { const: 'x' } } };
      items(p).then = { required: ['income'] };
      items(p).else = { required: ['income'] };
    });
    none((p) => {
      items(p).required = ['name'];
      (p.form.uiSchema as any).members.items.income = { 'ui:options': { mayStayBlank: 'Caseworkers ask.' } };
    });
    none((p) => ((p.rules[1].conditions as any).all[0] = { fact: 'county', operator: 'isSet', value: true }));
  });

  it('a mark without a reason is no mark', () => {
    const diagnostics = check((p) => ((p.form.uiSchema as any).county['ui:options'].mayStayBlank = ' '));
    expect(find(diagnostics, 'form.optional-needed', '/form/schema/properties/county').message).toContain('rule "county"');
    expect(codes(check((p) => delete (p.form.uiSchema as any).county))).toContain('form.optional-needed /form/schema/properties/county');
  });

  it('refuses a ui:widget the pages do not have for the question, suggesting the nearest', () => {
    const d = find(
      check((p) => ((p.form.uiSchema as any).rent['ui:widget'] = 'updwon')),
      'form.unknown-widget',
      '/form/uiSchema/rent/ui:widget',
    );
    expect(d.severity).toBe('error');
    for (const w of ['"updwon"', 'type "number"', 'Did you mean "updown"?', 'the page would show nothing']) expect(d.message).toContain(w);
    expect(codes(check((p) => ((p.form.uiSchema as any).rent['ui:widget'] = 'checkboxes')))).toContain(
      'form.unknown-widget /form/uiSchema/rent/ui:widget',
    );
    const fine = check((p) => {
      (p.form.uiSchema as any).rent['ui:widget'] = 'updown';
      (p.form.uiSchema as any).members.items.receivesSSI['ui:widget'] = 'radio';
      (p.form.uiSchema as any).members.items.name = { 'ui:widget': 'TextWidget' };
    });
    expect(codes(fine).filter((c) => c.startsWith('form.'))).toEqual([]);
  });

  it('warns about uiSchema keys and ui:order entries that name no question, suggesting the nearest', () => {
    const diagnostics = check((p) => {
      (p.form.uiSchema as any).rnet = { 'ui:help': 'Enter 0 if none.' };
      (p.form.uiSchema as any).members.items.incme = { 'ui:widget': 'updown' };
      (p.form.uiSchema as any)['ui:order'] = ['members', 'rent', 'countty', '*'];
    });
    const top = find(diagnostics, 'form.ui-unknown-key', '/form/uiSchema/rnet');
    expect(top.severity).toBe('warning');
    expect(top.message).toContain('Did you mean "rent"?');
    expect(find(diagnostics, 'form.ui-unknown-key', '/form/uiSchema/members/items/incme').message).toContain('Did you mean "income"?');
    expect(find(diagnostics, 'form.ui-order-unknown', '/form/uiSchema/ui:order/2').message).toContain('Did you mean "county"?');
  });

  it('refuses a pattern that can backtrack catastrophically, anywhere in the form, naming it', () => {
    const diagnostics = check((p) => {
      (p.form.schema.properties as any).county.pattern = '^(a+)+$';
      items(p).properties.name.pattern = '^(\\w+\\s?)*$';
    });
    const d = find(diagnostics, 'form.pattern-backtracking', '/form/schema/properties/county/pattern');
    expect(d.severity).toBe('error');
    expect(d.message).toContain('"^(a+)+$"');
    expect(d.message).toContain('backtrack catastrophically');
    find(diagnostics, 'form.pattern-backtracking', '/form/schema/properties/members/items/properties/name/pattern');
    const safe = check((p) => ((p.form.schema.properties as any).county.pattern = '^[A-Z][a-z]+( [A-Z][a-z]+)?$'));
    expect(codes(safe).filter((c) => c.startsWith('form.pattern'))).toEqual([]);
  });

  it('refuses a notice placeholder that a notice cannot fill, and suggests parameter names for {param:…}', () => {
    const diagnostics = check((p) => {
      (p.workflow.transitions[1].actions as any)[0].template = 'Case {caseid} was approved on {decisionDate}; reference {caseId}.';
      p.rules[0].messages.pass = 'Your income is within {param:max_benefitt}.';
    });
    const notice = diagnostics.filter((d) => d.code === 'template.unknown-notice-name');
    expect(notice.map((d) => d.params?.name)).toEqual(['caseid', 'decisionDate']);
    expect(notice[0].path).toBe('/workflow/transitions/1/actions/0/template');
    expect(notice[0].message).toContain('Did you mean "caseId"?');
    expect(notice[0].message).toContain('"caseId", "caseRef", "programId", "program", "state", "applicationId"');
    expect(find(diagnostics, 'template.unknown-name', '/rules/0/messages/pass').message).toContain('Did you mean "param:max_benefit"?');
  });
});
