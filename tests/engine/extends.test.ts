/**
 * Programs that extend programs: the resolver (`resolveLayer`), its errors at the layer's paths, the resolved hash,
 * chains and cycles in a set of versions (`checkVersionSet`), and reading a layer back (`layerOf`).
 */
import { describe, expect, it } from 'vitest';
import {
  behindReport,
  checkVersionSet,
  compileProgram,
  contentHash,
  evaluate,
  formatDiff,
  layerChanges,
  layerOf,
  resolveLayer,
  validate,
} from '../../engine/index.ts';
import type { Program, ProgramLayer } from '../../engine/index.ts';
import { baseProgram } from './base-program.ts';
import { northLayer } from './north-layer.ts';

const errors = (r: { diagnostics: { severity: string; code: string; path: string; message: string }[] }) =>
  r.diagnostics.filter((d) => d.severity === 'error');

describe('resolveLayer', () => {
  it('resolves a layer into one complete program that validates with no warnings and passes its own case', () => {
    const result = resolveLayer(northLayer(), baseProgram());
    expect(result.diagnostics).toEqual([]);
    const program = result.program!;
    expect(program.id).toBe('test-food-help-north');
    expect(program.extends).toEqual({ program: 'test-food-help', version: 1, hash: contentHash(baseProgram()) });
    expect(program.parameters.income_limit.values['2025-01-01']).toEqual({ rows: { '1': 1500, '2': 2000 }, increment: 500 });
    expect(program.parameters.income_limit.values['2025-07-01']).toEqual({ rows: { '1': 2000, '2': 2600 }, increment: 600 });
    expect(program.rules.map((r) => r.id)).toEqual(['income', 'county', 'rent']);
    expect(program.rules[1].title).toBe('Lives in North');
    expect(program.form.pages.map((p) => p.id)).toEqual(['household', 'contact', 'housing']);
    expect(program.form.pages[1].fields).toEqual(['phone']);
    // Translations: the layer's moved to where its texts landed; the base's of replaced texts dropped, pages moved.
    const es = program.translations!.es as Record<string, { text: string }>;
    expect(es['/rules/1/title'].text).toBe('Vive en North');
    expect(es['/rules/2/title'].text).toBe('Prueba del alquiler');
    expect(es['/form/pages/1/title'].text).toBe('Cómo contactarle');
    expect(es['/form/pages/2/title'].text).toBe('ES Your home');
    expect(es['/title'].text).toBe('Ayuda alimentaria, condado North');
    const compiled = compileProgram(validate(program).program!, contentHash(program));
    const d = evaluate(compiled, { members: [{ name: 'A', income: 1800 }], rent: 900, county: 'North' }, { asOf: '2025-08-01' });
    expect(d.eligibility).toBe('eligible');
    expect(d.reasons.map((r) => [r.rule, r.outcome])).toEqual([
      ['income', 'pass'],
      ['county', 'pass'],
      ['rent', 'pass'],
    ]);
  });

  it('is deterministic, and its hash changes when the layer or the base changes', () => {
    const once = contentHash(resolveLayer(northLayer(), baseProgram()).program);
    expect(contentHash(resolveLayer(northLayer(), baseProgram()).program)).toBe(once);
    const layer = northLayer();
    layer.add!.parameters!.rent_limit.values['2025-01-01'] = 1300;
    expect(contentHash(resolveLayer(layer, baseProgram()).program)).not.toBe(once);
    const base = baseProgram();
    base.parameters.max_benefit.values['2025-01-01'] = 310;
    expect(contentHash(resolveLayer(northLayer(), base).program)).not.toBe(once);
    // Even a base change the layer shadows changes the hash: the resolved program pins the base's hash.
    const shadowed = baseProgram();
    shadowed.rules[1].title = 'Counties we serve';
    expect(contentHash(resolveLayer(northLayer(), shadowed).program)).not.toBe(once);
  });

  it('refuses an override of something the base lacks, naming the path and how to add it', () => {
    const layer = northLayer();
    layer.override!.parameters = { incme_limit: baseProgram().parameters.income_limit };
    layer.override!.parameterValues!.max_benfit = { '2025-01-01': 5 };
    layer.override!.rules!.push({ ...layer.override!.rules![0], id: 'assets' });
    const result = resolveLayer(layer, baseProgram());
    expect(result.program).toBeUndefined();
    const found = errors(result).map((d) => [d.code, d.path]);
    expect(found).toEqual([
      ['extends.override-missing', '/override/parameterValues/max_benfit'],
      ['extends.override-missing', '/override/parameters/incme_limit'],
      ['extends.override-missing', '/override/rules/1/id'],
    ]);
    const message = errors(result).find((d) => d.path === '/override/parameters/incme_limit')!.message;
    expect(message).toBe(
      'The base test-food-help v1 has no parameter "incme_limit", so there is nothing to override. Did you mean "income_limit"? To add one, put it under /add/parameters.',
    );
  });

  it('refuses an add that clashes with the base, naming the path and how to replace instead', () => {
    const layer = northLayer();
    layer.add!.parameters!.max_benefit = baseProgram().parameters.max_benefit;
    layer.add!.rules!.push({ ...layer.add!.rules![0], id: 'income' });
    layer.add!.form!.questions!.rent = { schema: { type: 'number', title: 'Rent' }, page: 'housing' };
    layer.add!.form!.pages!.push({ id: 'housing', title: 'Home', fields: [] });
    const result = resolveLayer(layer, baseProgram());
    expect(errors(result).map((d) => [d.code, d.path])).toEqual([
      ['extends.add-clash', '/add/form/pages/1/id'],
      ['extends.add-clash', '/add/form/questions/rent'],
      ['extends.add-clash', '/add/parameters/max_benefit'],
      ['extends.add-clash', '/add/rules/1/id'],
    ]);
    expect(errors(result).find((d) => d.path === '/add/parameters/max_benefit')!.message).toContain('put it under /override/parameters');
  });

  it('checks /extends against the base given: program, version and pinned hash', () => {
    const wrongVersion = { ...northLayer(), extends: { program: 'test-food-help', version: 2 } };
    expect(errors(resolveLayer(wrongVersion, baseProgram())).map((d) => d.path)).toEqual(['/extends/version']);
    const pinned = { ...northLayer(), extends: { program: 'test-food-help', version: 1, hash: `sha256:${contentHash(baseProgram())}` } };
    expect(resolveLayer(pinned, baseProgram()).diagnostics).toEqual([]);
    const changed = baseProgram();
    changed.parameters.max_benefit.values['2025-01-01'] = 310;
    const stale = errors(resolveLayer(pinned, changed));
    expect(stale.map((d) => [d.code, d.path])).toEqual([['extends.hash-mismatch', '/extends/hash']]);
  });

  it('reports the resolved program’s problems at the layer’s paths', () => {
    const layer = northLayer();
    layer.add!.rules![0].conditions = { all: [{ fact: 'rentt', operator: 'lessThanInclusive', value: { param: 'rent_limit' } }] };
    const result = resolveLayer(layer, baseProgram());
    expect(errors(result).map((d) => d.path)).toEqual(['/add/rules/0/conditions/all/0/fact']);
  });

  it('refuses to validate a layer on its own, saying it needs its base', () => {
    const result = validate(northLayer());
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['extends.unresolved', '/extends']]);
  });

  it('reads the layer back from the resolved program', () => {
    const resolved = resolveLayer(northLayer(), baseProgram()).program!;
    const back = layerOf(resolved)!;
    expect({ ...back, extends: { program: 'test-food-help', version: 1 } }).toEqual(northLayer());
    expect(contentHash(resolveLayer(back, baseProgram()).program)).toBe(contentHash(resolved));
  });
});

describe('checkVersionSet', () => {
  const base = baseProgram();
  it('resolves chains, bases first, whatever the order given', () => {
    const north = northLayer();
    const town: ProgramLayer = {
      ...northLayer(),
      id: 'test-food-help-north-town',
      title: 'Food help, North town',
      extends: { program: 'test-food-help-north', version: 1 },
      override: { parameterValues: { rent_limit: { '2025-01-01': 1000 } } },
      add: undefined,
      translations: undefined,
      tests: undefined,
      languages: ['en'],
    };
    delete (town as Partial<ProgramLayer>).add;
    delete (town as Partial<ProgramLayer>).translations;
    delete (town as Partial<ProgramLayer>).tests;
    const checked = checkVersionSet([
      { key: 'town', doc: town },
      { key: 'north', doc: north },
      { key: 'base', doc: base },
    ]);
    expect(checked.map((c) => c.key)).toEqual(['base', 'north', 'town']);
    const resolved = checked.find((c) => c.key === 'town')!;
    expect(resolved.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect((resolved.resolved as Program).parameters.rent_limit.values['2025-01-01']).toBe(1000);
    expect((resolved.resolved as Program).rules.map((r) => r.id)).toEqual(['income', 'county', 'rent']);
  });

  it('refuses a missing base (naming the versions there are) and a circle of layers', () => {
    const missing = checkVersionSet([
      { key: 'north', doc: { ...northLayer(), extends: { program: 'test-food-help', version: 3 } } },
      { key: 'base', doc: base },
    ]);
    const d = missing.find((c) => c.key === 'north')!.diagnostics;
    expect(d.map((x) => x.code)).toEqual(['extends.base-not-found']);
    expect(d[0].message).toContain('(versions there: 1)');
    const a = { ...northLayer(), id: 'a', extends: { program: 'b', version: 1 } };
    const b = { ...northLayer(), id: 'b', extends: { program: 'a', version: 1 } };
    const circle = checkVersionSet([
      { key: 'a', doc: a },
      { key: 'b', doc: b },
    ]);
    expect(circle.map((c) => c.diagnostics[0]?.code)).toContain('extends.cycle');
    expect(circle.every((c) => !c.resolved)).toBe(true);
  });
});

describe('reports', () => {
  it('words the layer against its base: the place, then the value instead of the base’s', () => {
    const text = formatDiff(layerChanges(resolveLayer(northLayer(), baseProgram()).program!, baseProgram()));
    expect(text).toContain('Washington: monthly income limit, household size 2 from 2025-07-01: $2,600 instead of $2,100');
    expect(text).toContain('Washington: counties served from 2025-01-01: North instead of North, South');
    expect(formatDiff(layerChanges(resolveLayer(northLayer(), baseProgram()).program!, baseProgram(), 'es'))).toContain('Washington: ');
  });

  it('reports a newer base: inherited changes, changes its overrides shadow, dated values taking over, refusals', () => {
    const base = baseProgram();
    const resolved = resolveLayer(northLayer(), base).program!;
    const latest = baseProgram();
    latest.version = 2;
    latest.parameters.max_benefit.values['2025-10-01'] = 320;
    latest.rules[1].messages.fail = 'We do not serve {county} yet.';
    latest.parameters.income_limit.values['2026-01-01'] = { rows: { '1': 1700, '2': 2200 }, increment: 500 };
    latest.parameters.rent_limit = { description: 'Rent limit', reference: { citation: 'x' }, values: { '2025-01-01': 1 } };
    const report = behindReport(resolved, base, latest);
    expect(report.behind).toBe(true);
    expect(report.inherited.map((c) => c.path)).toContain('/parameters/max_benefit/values/2025-10-01');
    expect(report.shadowed.map((c) => c.path)).toEqual(['/rules/1']);
    expect(report.overtaken.map((c) => c.override)).toEqual([
      '/parameters/income_limit/values/2025-07-01',
      '/parameters/income_limit/values/2025-07-01',
    ]);
    expect(report.conflicts.map((d) => [d.code, d.path])).toEqual([['extends.add-clash', '/add/parameters/rent_limit']]);
    expect(behindReport(resolved, base, base).behind).toBe(false);
  });
});
