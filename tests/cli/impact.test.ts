import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile, evaluate, type ImpactSummary } from '../../engine/index.ts';
import { loadProgramFolder } from '../../runtime/fs/program-folder.ts';
import { households, householdsCsv } from '../../bench/households.ts';
import { seedStore } from '../../bench/seed-store.ts';

function mandate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/mandate.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-impact-'));
const population = path.join(dir, 'households.jsonl');
const mixed = households(1500, 42, { missingRate: 0.03, invalidRate: 0.003 });
fs.writeFileSync(population, `${mixed.map((h) => JSON.stringify(h)).join('\n')}\n\n`);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('mandate impact', () => {
  it('prints the counts, the cost per year, the breakdown and sample cases for FY2026 against FY2025', () => {
    const r = mandate(
      'impact',
      'programs/us-snap/fy2026',
      '--against',
      'programs/us-snap/fy2025',
      '--population',
      population,
      '--date',
      '2025-10-15',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Impact of us-snap version 5 (programs/us-snap/fy2026) against us-snap version 4 (programs/us-snap/fy2025) on 2025-10-15',
    );
    expect(r.stdout).toContain('1,500 households from');
    expect(r.stdout).toMatch(/Newly eligible\s+\d+/);
    expect(r.stdout).toMatch(/cost change per year {2}\+[\d,]+\.\d\d/);
    expect(r.stdout).toContain('By householdSize:');
    expect(r.stdout).toMatch(/#\d+ {2}rule net-income: fail → pass/);
  });

  it('--json: the totals equal the sum of per-case evaluate differences; --against takes a version number (4, FY2025)', () => {
    const r = mandate('impact', 'programs/us-snap', '--against', '4', '--population', population, '--date', '2025-10-15', '--json', '--by', 'rent');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as ImpactSummary;
    const load = (d: string) => compile(loadProgramFolder(d).versions[0].doc).compiled!;
    const [fy2025, fy2026] = [load('programs/us-snap/fy2025'), load('programs/us-snap/fy2026')];
    let change = 0;
    const amount = (d: ReturnType<typeof evaluate>) =>
      d.eligibility === 'eligible' && d.inputErrors.length === 0 ? (d.benefits[0]?.amount ?? 0) : 0;
    for (const h of mixed) change += amount(evaluate(fy2026, h, { asOf: '2025-10-15' })) - amount(evaluate(fy2025, h, { asOf: '2025-10-15' }));
    expect(summary.households).toBe(1500);
    expect(summary.by).toBe('rent');
    expect(summary.benefits.allotment.annualChange).toBeCloseTo(change * 12, 6);
    expect(summary.samples['amount-up'][0].after.benefits[0].amount).toBeGreaterThan(summary.samples['amount-up'][0].before.benefits[0].amount);
  });

  it('counts a line that is not a household as invalid and names it; refuses an unknown --by and --cases with --population', () => {
    const bad = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(bad, `${JSON.stringify(mixed[0])}\n[1, 2]\n`);
    const r = mandate('impact', 'programs/us-snap/fy2026', '--against', 'programs/us-snap/fy2025', '--population', bad, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${bad}:2  population.not-an-object  This line is JSON but not an object`);
    const summary = JSON.parse(r.stdout) as ImpactSummary;
    expect(summary.households).toBe(2);
    expect(summary.transitions['invalid→invalid']).toBe(1);
    const by = mandate('impact', 'programs/us-snap/fy2026', '--against', 'programs/us-snap/fy2025', '--population', population, '--by', 'shoeSize');
    expect(by.code).toBe(1);
    expect(by.stderr).toContain('"shoeSize" is neither a derived value nor a form field');
    expect(mandate('impact', 'programs/us-snap/fy2026', '--population', population).code).toBe(2);
    expect(mandate('impact', 'programs/us-snap/fy2026', '--against', '4', '--population', population, '--cases', dir).code).toBe(2);
  });

  it('gives the same summary for a CSV file as for the JSON Lines file of the same households', () => {
    const csv = path.join(dir, 'households.csv');
    const columns = [
      'members',
      'rent',
      'utilities',
      'dependentCare',
      'childSupportPaid',
      'hasMedicalCosts',
      'medicalCosts',
      'assets',
      'receivesTanfOrSsi',
    ];
    fs.writeFileSync(csv, householdsCsv(mixed, columns));
    const args = ['impact', 'programs/us-snap/fy2026', '--against', 'programs/us-snap/fy2025', '--date', '2025-10-15', '--json'];
    const fromCsv = mandate(...args, '--population', csv);
    const fromJsonl = mandate(...args, '--population', population);
    expect(fromCsv.stderr).toBe('');
    expect(fromCsv.code).toBe(0);
    expect(JSON.parse(fromCsv.stdout)).toEqual(JSON.parse(fromJsonl.stdout));
  });

  it('--cases: compares over the pending cases of a seeded store (all of them with --states), as the same households in a file', async () => {
    const store = path.join(dir, 'cases.db');
    const doc = (d: string) => loadProgramFolder(d).versions[0].doc as never;
    const seeded = await seedStore({
      path: store,
      count: 800,
      seed: 3,
      versions: [{ doc: doc('programs/us-snap/fy2025'), status: 'published' }],
      caseVersion: 4,
      asOf: '2025-09-15',
      households: { missingRate: 0.03, invalidRate: 0.003 },
    });
    const args = ['impact', 'programs/us-snap/fy2026', '--against', '4', '--cases', store, '--date', '2025-10-15'];
    const pending = mandate(...args);
    expect(pending.stderr).toBe('');
    expect(pending.code).toBe(0);
    const count = 800 - (seeded.states.approved ?? 0) - (seeded.states.denied ?? 0);
    expect(pending.stdout).toContain(`${count.toLocaleString('en-US')} households from the stored cases of us-snap in ${store} (states submitted,`);
    const all = mandate(...args, '--states', Object.keys(seeded.states).join(','), '--json');
    expect(all.code).toBe(0);
    const summary = JSON.parse(all.stdout) as ImpactSummary;
    expect(summary.households).toBe(800);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(store, { readonly: true });
    const answers = db
      .prepare('SELECT a.answers FROM cases c JOIN applications a ON a.id = c.application_id ORDER BY c.id')
      .pluck()
      .all() as string[];
    db.close();
    const file = path.join(dir, 'stored.jsonl');
    fs.writeFileSync(file, `${answers.join('\n')}\n`);
    const same = mandate('impact', 'programs/us-snap/fy2026', '--against', '4', '--population', file, '--date', '2025-10-15', '--json');
    expect(summary).toEqual(JSON.parse(same.stdout));
    const unknown = mandate(...args, '--states', 'closed');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"closed" is not a state of us-snap');
  });
});
