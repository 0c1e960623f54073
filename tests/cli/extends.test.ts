/**
 * The CLI on a layer folder (tests/fixtures/extends/test-food-help-north, extending its sibling test-food-help):
 * validate --strict and test resolve it on its base; diff <layer> says what it changes in plain words; diff --behind
 * says what the newer base version changes for it; an override of something the base lacks is named by file and path.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const LAYER = 'tests/fixtures/extends/test-food-help-north';

function mandate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/mandate.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('mandate on a layer folder', () => {
  it('validates it strictly and runs its cases on the resolved program', () => {
    const valid = mandate('validate', LAYER, '--strict');
    expect(valid.stderr).toBe('');
    expect(valid.stdout).toContain('test-food-help-north version 1 (tests/fixtures/extends/test-food-help-north/v1): valid, 0 errors, 0 warnings');
    expect(valid.code).toBe(0);
    const tested = mandate('test', LAYER);
    expect(tested.stdout).toContain('1 of 1 test cases pass');
    expect(tested.code).toBe(0);
  });

  it('diff <layer>: the layer against its base, in plain words', () => {
    const r = mandate('diff', LAYER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test-food-help-north version 1 (from 2025-01-01) against its base test-food-help version 1:');
    expect(r.stdout).toContain('~ Washington: monthly income limit, household size 1 from 2025-07-01: $2,000 instead of $1,600');
    expect(r.stdout).toContain('+ Washington: new rule "Rent test" (rent)');
  });

  it("diff <layer> on the shipped states: each state's own limits are numbers in words, its new parameters with their values", () => {
    const wa = mandate('diff', 'programs/us-snap-wa/fy2026');
    expect(wa.code).toBe(0);
    expect(wa.stdout).toContain('+ Washington: standard utility allowance from 2025-10-01: $515 instead of $502');
    expect(wa.stdout).toContain(
      '+ Washington: new parameter "bbce_gross_income_limit_percent": Gross income limit of Washington\'s broad-based categorical eligibility, as a percent of the poverty guideline (200 percent from 2024-10-01)',
    );
    expect(wa.stdout).toContain('($15,060 for household size 1, $5,380 more for each household size above from 2024-04-01; $15,650');
    const tx = mandate('diff', 'programs/us-snap-tx/fy2026');
    expect(tx.stdout).toContain('(165 percent from 2024-10-01)');
    expect(tx.stdout).toContain(
      'new parameter "bbce_asset_limit": Countable resources limit of Texas\'s broad-based categorical eligibility ($5,000 from 2024-10-01)',
    );
  });

  it('diff --behind: what the newer base changes for the layer', () => {
    const r = mandate('diff', '--behind', LAYER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'test-food-help-north version 1 extends test-food-help version 1; test-food-help version 2 (from 2025-10-01) is newer',
    );
    expect(r.stdout).toContain('Inherited by re-basing (your layer does not override them):\n  Maximum monthly benefit: $300 → $320 from 2025-10-01');
    expect(r.stdout).toContain(
      'Monthly income limit, household size 1: $1,600 → $1,700 from 2025-10-01: replaces your value from 2025-07-01 (to keep yours, add a value dated 2025-10-01 under /override/parameterValues/income_limit)',
    );
  });

  it('names the file and path of an override the base lacks', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-layer-'));
    try {
      fs.cpSync('tests/fixtures/extends', root, { recursive: true });
      const file = path.join(root, 'test-food-help-north/v1/override.json');
      const json = JSON.parse(fs.readFileSync(file, 'utf8'));
      json.override.parameterValues.income_limt = { '2025-07-01': 1 };
      fs.writeFileSync(file, JSON.stringify(json));
      const r = mandate('validate', path.join(root, 'test-food-help-north'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'override.json#/override/parameterValues/income_limt  extends.override-missing  The base test-food-help v1 has no parameter "income_limt", so there is nothing to override. Did you mean "income_limit"? To add one, put it under /add/parameters.',
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('translations stamp records the English of the resolved program in the layer’s own i18n file, keyed as written', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-layer-'));
    try {
      fs.cpSync('tests/fixtures/extends', root, { recursive: true });
      const file = path.join(root, 'test-food-help-north/v1/i18n/es.json');
      const table = JSON.parse(fs.readFileSync(file, 'utf8'));
      table['/add/rules/0/title'] = 'Prueba del alquiler';
      fs.writeFileSync(file, JSON.stringify(table));
      const r = mandate('translations', 'stamp', path.join(root, 'test-food-help-north'));
      expect(r.stdout).toContain('es: 1 translation now records its source');
      expect(r.code).toBe(0);
      const stamped = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(stamped['/add/rules/0/title']).toEqual({ text: 'Prueba del alquiler', source: 'Rent test' });
      expect(Object.keys(stamped).sort()).toEqual(Object.keys(table).sort());
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
