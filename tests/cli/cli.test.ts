import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function mandate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/mandate.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mandate CLI', () => {
  it('prints usage for --help and for an unknown command', () => {
    const help = mandate('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    const bad = mandate('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"frobnicate" is not a mandate command');
    for (const command of ['validate', 'test', 'evaluate', 'types', 'diff']) {
      const r = mandate(command, '--help');
      expect(r.code, command).toBe(0);
      expect(r.stdout).toContain(`Usage: mandate ${command}`);
    }
  });

  it('validate: a valid folder exits 0; a broken one exits 1 with file#pointer code message on stderr', () => {
    const ok = mandate('validate', 'programs/us-snap', '--strict');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('us-snap version 5 (programs/us-snap/fy2026): valid, 0 errors, 0 warnings');
    const broken = mandate('validate', 'tests/fixtures/broken/unknown-fact');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('tests/fixtures/broken/unknown-fact/rules.json#/rules/0/conditions/all/0/fact  reference.unknown-fact  ');
    expect(broken.stderr).toContain('names the fact "grossIncome"');
    const syntax = mandate('validate', 'tests/fixtures/broken/json-syntax');
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toContain('tests/fixtures/broken/json-syntax/rules.json#  document.json-syntax');
  });

  it('validate --strict fails on warnings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-cli-'));
    fs.cpSync('programs/community-food-bank', dir, { recursive: true });
    const es = JSON.parse(fs.readFileSync(path.join(dir, 'i18n/es.json'), 'utf8'));
    delete es['/title'];
    fs.writeFileSync(path.join(dir, 'i18n/es.json'), JSON.stringify(es));
    expect(mandate('validate', dir).code).toBe(0);
    const strict = mandate('validate', dir, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('translation.missing (warning)');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('test: passes the shipped cases; a wrong expectation fails with expected, actual and the trace', () => {
    const ok = mandate('test', 'programs/us-snap');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/us-snap version 5: (\d+) of \1 test cases pass/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-cli-'));
    fs.cpSync('programs/us-snap/fy2026', dir, { recursive: true });
    const cases = JSON.parse(fs.readFileSync(path.join(dir, 'tests/cases.json'), 'utf8'));
    cases[0].expected.benefits = { allotment: 1 };
    cases[0].expected.eligibility = 'ineligible';
    fs.writeFileSync(path.join(dir, 'tests/cases.json'), JSON.stringify(cases));
    const failed = mandate('test', dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`FAIL  ${cases[0].name}`);
    expect(failed.stdout).toContain('eligibility: expected ineligible, got eligible');
    expect(failed.stdout).toMatch(/benefit allotment: expected 1, got \d+/);
    expect(failed.stdout).toMatch(/rule gross-income: pass\n\s+grossIncome = \d+ lessThanInclusive/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('test --coverage: prints per rule title which outcomes the cases exercise, and the overall figure; --json has the same', () => {
    const text = mandate('test', 'programs/us-snap', '--coverage');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/us-snap version 5: condition coverage (\d+) of (\d+) outcomes \(\d+%\) by \d+ test cases/);
    expect(text.stdout).toMatch(/ {2}Gross income test \(gross-income\): pass [✓✗] fail [✓✗] unknown [✓✗] waived [✓✗] {3}conditions \d+\/15/);
    expect(text.stdout).toMatch(/ {8}grossIncome lessThanInclusive grossIncomeLimit {2}pass ✓ fail ✓ unknown [✓✗]/);
    const json = mandate('test', 'programs/us-snap', '--coverage', '--json');
    expect(json.code).toBe(0);
    const { versions } = JSON.parse(json.stdout) as {
      versions: {
        folder: string;
        report: { passed: number };
        coverage: { covered: number; possible: number; rules: { rule: string; conditions: { pointer: string }[] }[] };
      }[];
    };
    expect(versions.map((v) => v.folder)).toEqual(['fy2022', 'fy2023', 'fy2024', 'fy2025', 'fy2026'].map((f) => `programs/us-snap/${f}`));
    const [, covered, possible] = text.stdout.match(/us-snap version 5: condition coverage (\d+) of (\d+)/) ?? [];
    expect([versions[4].coverage.covered, versions[4].coverage.possible]).toEqual([Number(covered), Number(possible)]);
    expect(versions[4].coverage.rules[0].conditions[1].pointer).toBe('/rules/0/conditions/all/0');
  });

  it('evaluate: prints the determination as JSON for the version in force on --date', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-cli-'));
    const cases = JSON.parse(fs.readFileSync('programs/us-snap/fy2026/tests/cases.json', 'utf8'));
    const input = path.join(dir, 'answers.json');
    fs.writeFileSync(input, JSON.stringify(cases[0].input));
    const r = mandate('evaluate', 'programs/us-snap', '--input', input, '--date', cases[0].date, '--lang', 'es');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ programId: 'us-snap', version: 5, asOf: cases[0].date, lang: 'es', eligibility: cases[0].expected.eligibility });
    expect(d.benefits[0].amount).toBe(cases[0].expected.benefits.allotment);
    const before = mandate('evaluate', 'programs/us-snap', '--input', input, '--date', '2025-09-30');
    expect(JSON.parse(before.stdout).version).toBe(4);
    const first = mandate('evaluate', 'programs/us-snap', '--input', input, '--date', '2021-10-01');
    expect(JSON.parse(first.stdout).version).toBe(1);
    const badDate = mandate('evaluate', 'programs/us-snap', '--input', input, '--date', '2025-13-01');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--date 2025-13-01 is not a date');
    const noInput = mandate('evaluate', 'programs/us-snap');
    expect(noInput.code).toBe(2);
    expect(noInput.stderr).toContain('--input <answers.json> is required');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('types: prints the answers interface', () => {
    const r = mandate('types', 'programs/us-snap');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/export (interface|type) UsSnapApplication\b/);
  });

  it('diff: lists the FY2026 parameter changes in words', () => {
    const r = mandate('diff', 'programs/us-snap/fy2025', 'programs/us-snap/fy2026');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain('us-snap: version 4 (from 2024-10-01) → version 5 (from 2025-10-01)');
    expect(r.stdout).toContain('Maximum monthly SNAP allotment, household size 4: $975 → $994 from 2025-10-01');
    expect(r.stdout).not.toContain('Eligibility rules:');
    const json = JSON.parse(mandate('diff', 'programs/us-snap/fy2025', 'programs/us-snap/fy2026', '--json').stdout);
    expect(json.changes.every((c: { area: string }) => c.area === 'parameters')).toBe(true);
    expect(mandate('diff', 'programs/us-snap/fy2025').code).toBe(2);
  });

  it('dispatches audit to the runtime command', () => {
    const r = mandate('audit', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mandate audit verify');
  });
});
