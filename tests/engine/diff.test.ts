import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { diff, formatDiff } from '../../engine/index.ts';
import type { Program } from '../../engine/format/types.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { baseProgram } from './base-program.ts';

describe('diff', () => {
  it('finds no change between a program and itself, and prints the version header', () => {
    const changes = diff(baseProgram(), baseProgram());
    expect([...changes]).toEqual([]);
    expect(formatDiff(changes)).toBe('test-food-help: version 1 (from 2025-01-01) → version 1 (from 2025-01-01): First version.\nNo changes.');
  });

  it('shows version metadata only in the header', () => {
    const b = baseProgram();
    Object.assign(b, { version: 2, effectiveFrom: '2025-07-01', changelog: 'New limits.' });
    const changes = diff(baseProgram(), b);
    expect([...changes]).toEqual([]);
    expect(formatDiff(changes).split('\n')[0]).toBe('test-food-help: version 1 (from 2025-01-01) → version 2 (from 2025-07-01): New limits.');
  });

  it('describes parameter values by date, per table row, in money', () => {
    const b = baseProgram();
    b.parameters.income_limit.values['2026-01-01'] = { rows: { '1': 1650, '2': 2100 }, increment: 550 };
    b.parameters.max_benefit.values['2025-01-01'] = 310;
    b.parameters.decision_days.values['2026-01-01'] = 45;
    const text = formatDiff(diff(baseProgram(), b));
    expect(text).toContain('Parameters:');
    expect(text).toContain('+ Monthly income limit, household size 1: $1,600 → $1,650 from 2026-01-01');
    expect(text).toContain('+ Monthly income limit, each household size above the last row adds: $500 → $550 from 2026-01-01');
    expect(text).not.toContain('household size 2:');
    expect(text).toContain('~ Maximum monthly benefit: $300 → $310 (value from 2025-01-01 corrected)');
    expect(text).toContain('+ Days to decide an application: 30 days → 45 days from 2026-01-01');
  });

  it('describes form, derived, rule, benefit, workflow and translation changes', () => {
    const a = baseProgram();
    const b = baseProgram() as Program & Record<string, any>;
    (b.form.schema.properties as any).rent.title = 'Rent each month';
    (b.form.schema.properties as any).members.items.properties.age = { type: 'integer', title: 'Age' };
    b.form.schema.required = ['members'];
    b.derived!.income.formula = 'sum(members, m => m.income) * 12';
    b.rules[0].messages.fail = 'Too much income.';
    b.rules.pop();
    b.benefits![0].rounding = { mode: 'nearest', to: 1 };
    b.workflow.states.appeal = { title: 'Appeal' };
    b.workflow.transitions[2].roles = ['supervisor'];
    b.workflow.caseAccess = 'assignee';
    b.translations!.es['/title'] = 'Ayuda alimentaria';
    const changes = diff(a, b);
    const text = formatDiff(changes);
    expect(text).toContain('~ Question "Rent each month" (rent): title "Monthly rent" → "Rent each month"; now optional');
    expect(text).toContain('+ New question "Age" (members[].age): integer, optional');
    expect(text).toContain('~ Value "Household income" (income): formula sum(members, m => m.income) → sum(members, m => m.income) * 12');
    expect(text).toContain('~ Rule "Income test" (income): fail message');
    expect(text).toContain('- Rule "County served" (county) removed');
    expect(text).toContain('~ Benefit "Monthly benefit" (monthly): rounding changed');
    expect(text).toContain('+ New state "Appeal" (appeal)');
    expect(text).toContain('~ Transition "Deny" (deny from review, submitted): roles caseworker, supervisor → supervisor');
    expect(text).toContain('~ es text for /title: "ES Food help" → "Ayuda alimentaria"');
    expect(text).toContain('~ Only the assignee among caseworkers may now act on an assigned case (caseAccess "assignee")');
    expect(changes.find((c) => c.area === 'rules' && c.kind === 'removed')?.path).toBe('/rules/1');
  });

  it('lists only parameter value changes between SNAP FY2025 and FY2026', () => {
    const { versions, diagnostics } = loadProgramFolder(path.resolve('programs/us-snap'));
    expect(diagnostics).toEqual([]);
    const [fy2025, fy2026] = versions.slice(-2).map((v) => v.doc as unknown as Program);
    const changes = diff(fy2025, fy2026);
    expect(changes.length).toBeGreaterThan(0);
    for (const c of changes) expect(c.area).toBe('parameters');
    for (const c of changes) expect(c.path).toMatch(/^\/parameters\/[a-z_]+\/values\/\d{4}-\d{2}-\d{2}$/);
    const text = formatDiff(changes);
    expect(text).toContain('Maximum monthly SNAP allotment, household size 4: $975 → $994 from 2025-10-01');
    expect(text.split('\n')[0]).toMatch(/^us-snap: version 4 \(from 2024-10-01\) → version 5 \(from 2025-10-01\)/);
  });
});
