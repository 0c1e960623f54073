/**
 * Where each parameter is used (`parameterUses`): the reference checks' own walk, so the studio can warn before a
 * parameter is deleted and `parameter.unused` means the same thing.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parameterUses, validate } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';

const fy2026 = loadProgramFolder(path.resolve('programs/us-snap'))
  .versions.map((v) => v.doc)
  .at(-1)!;

describe('parameterUses', () => {
  it('lists every formula, benefit limit and deadline that names a parameter, with its place in words', () => {
    const uses = parameterUses(fy2026)!;
    expect(uses.max_allotment.map((u) => u.path)).toEqual(['/derived/maxAllotment/formula', '/benefits/0/formula']);
    expect(uses.max_allotment[0].where).toContain('maxAllotment');
    expect(uses.minimum_benefit.map((u) => u.path)).toEqual(['/benefits/0/minimum/param']);
    expect(uses.decision_days.map((u) => u.path)).toEqual(['/workflow/deadlines/0/days/param']);
  });

  it('names every parameter validate does not call unused, and none of those it does', () => {
    const doc = structuredClone(fy2026) as { parameters: Record<string, unknown> };
    doc.parameters.spare = { description: 'Not used anywhere.', reference: {}, values: { '2024-10-01': 1 } };
    const uses = parameterUses(doc)!;
    const unused = validate(doc)
      .diagnostics.filter((d) => d.code === 'parameter.unused')
      .map((d) => d.path);
    expect(unused).toEqual(['/parameters/spare']);
    expect(Object.keys(uses).sort()).toEqual(
      Object.keys(doc.parameters)
        .filter((n) => n !== 'spare')
        .sort(),
    );
  });

  it('finds parameters in conditions and message placeholders', () => {
    const [foodBank] = loadProgramFolder(path.resolve('programs/community-food-bank')).versions.map((v) => v.doc);
    expect(parameterUses(foodBank)!.service_zip_codes.map((u) => u.path)).toEqual(['/rules/0/conditions/all/0/value/param']);
    const doc = structuredClone(fy2026) as { rules: { messages: Record<string, string> }[] };
    doc.rules[0].messages.fail = 'Over {param:asset_limit}.';
    expect(parameterUses(doc)!.asset_limit.map((u) => u.path)).toContain('/rules/0/messages/fail');
  });

  it('is undefined for a document that does not fit the format', () => {
    expect(parameterUses({ id: 'x' })).toBeUndefined();
    expect(parameterUses(null)).toBeUndefined();
  });
});
