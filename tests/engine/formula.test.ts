import { describe, expect, it } from 'vitest';
import { analyzeFormula, compileFormula, createContext, FUNCTIONS, UNKNOWN, FormulaEvalError } from '../../engine/languages/formula/index.ts';
import { parameterInForce } from '../../engine/evaluate/parameters.ts';
import type { Parameter } from '../../engine/format/types.ts';

const PARAMS: Record<string, Parameter> = {
  rate: { description: 'rate', reference: { title: 'Rate notice' }, values: { '2024-10-01': 0.2, '2025-10-01': 0.25 } },
  limit: {
    description: 'limit',
    reference: { title: 'Limits' },
    type: 'table',
    values: { '2024-10-01': { rows: { '1': 100, '2': 150 }, increment: 40 } },
  },
  states: { description: 'states', reference: {}, type: 'list', values: { '2024-10-01': ['NM', 'AZ'] } },
};

/** Compiles and evaluates a formula against `input` on `asOf`; returns the value and the missing paths. */
function run(text: string, input: Record<string, unknown> = {}, asOf = '2025-10-15') {
  const names = Object.keys(PARAMS);
  let locals = 0;
  const expr = compileFormula(text, {
    derivedSlot: () => undefined,
    paramSlot: (n) => (names.includes(n) ? names.indexOf(n) : undefined),
    nextLocal: () => locals++,
  });
  const ctx = createContext(0, locals, true);
  ctx.input = input;
  ctx.asOf = asOf;
  ctx.params = names.map((n) => parameterInForce(n, PARAMS[n], asOf));
  const value = expr.ev(ctx);
  return { value, missing: [...ctx.missing], uses: ctx.uses };
}
const val = (text: string, input: Record<string, unknown> = {}, asOf?: string) => run(text, input, asOf).value;

const members = [
  { earnedIncome: 1000, unearnedIncome: 200, age: 30, dateOfBirth: '1965-10-15', disabled: false },
  { earnedIncome: 500, unearnedIncome: 0, age: 70, dateOfBirth: '2010-03-01', disabled: true },
];

describe('analyzeFormula', () => {
  it('lists free identifiers (not lambda parameters or functions), functions, parameters and numbers', () => {
    const a = analyzeFormula("sum(members, m => m.earnedIncome * param('rate')) + max(rent, 150) - 12");
    expect(a).toEqual({ ok: true, identifiers: ['members', 'rent'], functions: ['sum', 'param', 'max'], params: ['rate'], numbers: [150, 12] });
  });
  it('reports syntax errors with the character index', () => {
    const a = analyzeFormula('rent + ');
    expect(a.ok).toBe(false);
    expect(a.error?.index).toBe(7);
    expect(a.error?.message).toMatch(/Expected expression/);
  });
  it('rejects unknown functions, === and lambdas outside sum/count/any/all, naming what to do', () => {
    expect(analyzeFormula('total(members)').error).toEqual({ message: expect.stringMatching(/Unknown function "total"/), index: 0 });
    expect(analyzeFormula('a === b').error?.message).toMatch(/use == instead/);
    expect(analyzeFormula('a === b').error?.index).toBe(2);
    expect(analyzeFormula('m => m').error?.message).toMatch(/lambda/);
    expect(analyzeFormula('round(1, 2, 3)').error?.message).toMatch(/round\(\) takes 1 or 2 argument/);
    expect(analyzeFormula('param(name)').error?.message).toMatch(/in quotes/);
  });
  it('exports every documented function name', () => {
    expect([...FUNCTIONS].sort()).toEqual(
      [
        'abs',
        'addDays',
        'addMonths',
        'age',
        'ageOn',
        'all',
        'any',
        'asOf',
        'clamp',
        'coalesce',
        'count',
        'dayOfMonth',
        'daysBetween',
        'daysInMonth',
        'includes',
        'isSet',
        'max',
        'min',
        'param',
        'round',
        'roundDown',
        'roundUp',
        'sum',
      ].sort(),
    );
  });
});

describe('formula evaluation', () => {
  it('does arithmetic, comparison, logic, ternary, member access and list literals', () => {
    expect(val('1 + 2 * 3 - 4 / 2 + 7 % 4')).toBe(8);
    expect(val('rent >= 100 && !(rent == 5) ? "high" : "low"', { rent: 100 })).toBe('high');
    expect(val('a.b[1]', { a: { b: [5, 6] } })).toBe(6);
    expect(val("includes(['NM', 'AZ'], state)", { state: 'AZ' })).toBe(true);
    expect(val('"2025-01-01" < "2025-02-01"')).toBe(true);
  });
  it('implements sum, count, any and all over lists, with and without lambdas', () => {
    expect(val('sum(members, m => m.earnedIncome + m.unearnedIncome)', { members })).toBe(1700);
    expect(val('sum(xs)', { xs: [1, 2, 3] })).toBe(6);
    expect(val('count(members)', { members })).toBe(2);
    expect(val('count(members, m => m.age >= 60)', { members })).toBe(1);
    expect(val('any(members, m => m.disabled)', { members })).toBe(true);
    expect(val('all(members, m => m.disabled)', { members })).toBe(false);
    expect(val('all(members, m => any(members, n => n.age >= m.age))', { members })).toBe(true);
  });
  it('implements min, max, rounding, abs and clamp', () => {
    expect(val('min(3, 1, 2)')).toBe(1);
    expect(val('max(xs)', { xs: [4, 9, 2] })).toBe(9);
    expect(val('round(1.005, 2)')).toBe(1.01);
    expect(val('round(2.5)')).toBe(3);
    expect(val('round(-2.5)')).toBe(-3);
    expect(val('roundUp(40.95)')).toBe(41);
    expect(val('roundUp(0.1 * 3 * 10)')).toBe(3);
    expect(val('roundDown(12.999, 2)')).toBe(12.99);
    expect(val('abs(-4)')).toBe(4);
    expect(val('clamp(15, 0, 10)')).toBe(10);
    expect(val('clamp(-5, 0, 10)')).toBe(0);
  });
  it('implements the date functions in UTC', () => {
    expect(val('age(dob)', { dob: '1965-10-15' }, '2025-10-15')).toBe(60);
    expect(val('age(dob)', { dob: '1965-10-16' }, '2025-10-15')).toBe(59);
    expect(val("ageOn(dob, '2024-02-29')", { dob: '2020-02-29' })).toBe(4);
    expect(val("daysBetween('2025-01-01', '2025-03-01')")).toBe(59);
    expect(val("addDays('2024-12-31', 1)")).toBe('2025-01-01');
    expect(val("addMonths('2025-01-31', 1)")).toBe('2025-02-28');
    expect(val("addMonths('2025-03-15', -3)")).toBe('2024-12-15');
    expect(val('asOf()', {}, '2025-10-01')).toBe('2025-10-01');
    expect(val('dayOfMonth(asOf())', {}, '2025-10-17')).toBe(17);
    expect(val("daysInMonth('2025-10-17')")).toBe(31);
    expect(val("daysInMonth('2024-02-10')")).toBe(29);
    expect(val("daysInMonth('2025-02-10')")).toBe(28);
    expect(val("daysInMonth('2025-09-30')")).toBe(30);
  });
  it('looks parameters up on the as-of date, including table rows and the increment', () => {
    expect(val("param('rate')", {}, '2025-09-30')).toBe(0.2);
    expect(val("param('rate')", {}, '2025-10-01')).toBe(0.25);
    expect(val("param('limit', 2)")).toBe(150);
    expect(val("param('limit', 5)")).toBe(150 + 3 * 40);
    expect(val("param('states')")).toEqual(['NM', 'AZ']);
    const r = run("param('limit', 1)");
    expect(r.uses.map((u) => [u.p.name, u.key, u.value, u.p.effectiveFrom])).toEqual([['limit', 1, 100, '2024-10-01']]);
  });
});

describe('unknown values (three-valued logic)', () => {
  it('propagates unknown through arithmetic, comparison and functions, recording the missing pointer', () => {
    const r = run('rent + 1 > 5');
    expect(r.value).toBe(UNKNOWN);
    expect(r.missing).toEqual(['/rent']);
    const s = run('sum(members, m => m.earnedIncome)', { members: [{ earnedIncome: 5 }, {}] });
    expect(s.value).toBe(UNKNOWN);
    expect(s.missing).toEqual(['/members/1/earnedIncome']);
    expect(run('round(x)').value).toBe(UNKNOWN);
    expect(run("param('limit', size)").value).toBe(UNKNOWN);
  });
  it('follows Kleene logic for && and ||: a decisive side wins and the other missing input is not reported', () => {
    expect(run('a && b', { b: false })).toMatchObject({ value: false, missing: [] });
    expect(run('a && b', { b: true })).toMatchObject({ value: UNKNOWN, missing: ['/a'] });
    expect(run('a || b', { b: true })).toMatchObject({ value: true, missing: [] });
    expect(run('a || b', { b: false })).toMatchObject({ value: UNKNOWN, missing: ['/a'] });
    expect(run('a || b', {})).toMatchObject({ value: UNKNOWN, missing: ['/a', '/b'] });
  });
  it('follows Kleene logic for any and all', () => {
    const ms = [{ disabled: true }, {}];
    expect(run('any(members, m => m.disabled)', { members: ms })).toMatchObject({ value: true, missing: [] });
    expect(run('all(members, m => m.disabled)', { members: ms })).toMatchObject({ value: UNKNOWN, missing: ['/members/1/disabled'] });
    expect(run('all(members, m => m.disabled)', { members: [{}, { disabled: false }] })).toMatchObject({ value: false, missing: [] });
    expect(run('count(members, m => m.disabled)', { members: ms }).value).toBe(UNKNOWN);
  });
  it('lets coalesce and isSet decide without the missing input', () => {
    expect(run('coalesce(rent, 0) + 1')).toMatchObject({ value: 1, missing: [] });
    expect(run('coalesce(rent, other)')).toMatchObject({ value: UNKNOWN, missing: ['/rent', '/other'] });
    expect(run('isSet(rent)')).toMatchObject({ value: false, missing: [] });
    expect(val('isSet(rent)', { rent: 0 })).toBe(true);
    expect(run('rent == null ? 1 : 2').value).toBe(UNKNOWN);
  });
  it('leaves the untaken branch of a ternary unread', () => {
    expect(run('flag ? rent : 0', { flag: false })).toMatchObject({ value: 0, missing: [] });
  });
});

describe('sum of a plain field (compiled without a lambda per element)', () => {
  // `m => m.x + 0` takes the general lambda path; `m => m.x` the specialised one. They must agree on everything.
  const both = (input: Record<string, unknown>) => [run('sum(members, m => m.x)', input), run('sum(members, m => m.x + 0)', input)];
  it('gives the same total and missing pointers as the general lambda', () => {
    const cases: Record<string, unknown>[] = [
      { members: [{ x: 1 }, { x: 2.5 }, { x: 0 }] },
      { members: [{ x: 1 }, null, {}, { x: null }] },
      { members: [] },
      {},
      { members: [[], { x: 3 }] },
    ];
    for (const input of cases) {
      const [fast, general] = both(input);
      expect(fast.value, JSON.stringify(input)).toEqual(general.value);
      expect(fast.missing, JSON.stringify(input)).toEqual(general.missing);
    }
    expect(both({ members: [{ x: 1 }, null, {}] })[0].missing).toEqual(['/members/1', '/members/2/x']);
  });
  it('throws the same errors as the general lambda', () => {
    for (const input of [{ members: [{ x: 1 }, 7] }, { members: [{ x: 'a' }] }, { members: 3 }]) {
      const message = (text: string) => {
        try {
          run(text, input);
        } catch (e) {
          expect(e).toBeInstanceOf(FormulaEvalError);
          return (e as Error).message;
        }
        return 'no error';
      };
      const fast = message('sum(members, m => m.x)');
      expect(fast).not.toBe('no error');
      if (!JSON.stringify(input).includes('"a"')) expect(fast).toBe(message('sum(members, m => m.x + 0)'));
      else expect(fast).toMatch(/sum\(\) needs a number but got "a"/);
    }
  });
});

describe('evaluation errors', () => {
  it('throws a FormulaEvalError naming the problem', () => {
    expect(() => val('1 / zero', { zero: 0 })).toThrow(FormulaEvalError);
    expect(() => val('1 / zero', { zero: 0 })).toThrow(/division by zero/);
    expect(() => val('"a" - 1')).toThrow(/"-" needs a number/);
    expect(() => val("param('limit', 0)")).toThrow(/no row for 0: its first row is 1/);
    expect(() => val("param('limit')")).toThrow(/is a table: give the row key/);
    expect(() => val("param('rate')", {}, '2020-01-01')).toThrow(/no value in force on 2020-01-01/);
    expect(() => val('age(dob)', { dob: 'yesterday' })).toThrow(/YYYY-MM-DD/);
  });
  it('refuses to compile an unknown parameter', () => {
    expect(() => run("param('nope')")).toThrow(/Unknown parameter "nope"/);
  });
});
