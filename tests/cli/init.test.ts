/**
 * `mandate init`: lists the templates, writes a program folder that validates and passes its cases, and refuses an
 * unknown template (listing the names), a folder that is not empty, and unusable choices (naming the option).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

function mandate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/mandate.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-init-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('mandate init', () => {
  it('--list prints one line per template', () => {
    const r = mandate('init', '--list');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['food-parcel', 'cash-aid', 'fee-discount', 'one-time-grant', 'rental-help']);
    expect(lines[0]).toMatch(/^food-parcel\s+Food parcel: A weekly food parcel/);
  });

  it('writes a program folder from a template that validates strictly and passes its cases', () => {
    const dir = path.join(root, 'harbour');
    const r = mandate(
      'init',
      dir,
      '--template',
      'food-parcel',
      '--title',
      'Harbour Pantry parcels',
      '--owner',
      'Harbour Pantry',
      '--from',
      '2026-12-01',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Wrote harbour-pantry-parcels (Food parcel template)');
    expect(r.stdout).toContain('0 errors, 0 warnings');
    expect(fs.readdirSync(dir).sort()).toEqual([
      'README.md',
      'benefits.json',
      'derived.json',
      'form.json',
      'parameters.json',
      'program.json',
      'rules.json',
      'tests',
      'workflow.json',
    ]);
    const program = JSON.parse(fs.readFileSync(path.join(dir, 'program.json'), 'utf8'));
    expect(program).toMatchObject({
      id: 'harbour-pantry-parcels',
      owner: { name: 'Harbour Pantry' },
      languages: ['en'],
      effectiveFrom: '2026-12-01',
    });
    expect(mandate('validate', dir, '--strict').code).toBe(0);
    const tested = mandate('test', dir);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('6 of 6 test cases pass');
  });

  it('--lang es keeps the Spanish texts; only the new title is left to translate', () => {
    const dir = path.join(root, 'grant');
    const r = mandate('init', dir, '--template', 'one-time-grant', '--id', 'harbour-grant', '--title', 'Harbour emergency grant', '--lang', 'es');
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'i18n/es.json'))).toBe(true);
    const validated = mandate('validate', dir, '--strict');
    expect(validated.code).toBe(1);
    expect(validated.stderr.trim().split('\n')).toHaveLength(1);
    expect(validated.stderr).toContain('program.json#/title  translation.missing (warning)');
  });

  it('refuses an unknown template, listing the names, and a folder that is not empty', () => {
    const unknown = mandate('init', path.join(root, 'x'), '--template', 'food');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'There is no template "food". The templates are: food-parcel, cash-aid, fee-discount, one-time-grant, rental-help.',
    );
    const taken = mandate('init', path.join(root, 'harbour'), '--template', 'cash-aid');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('already exists and is not an empty folder');
    expect(fs.existsSync(path.join(root, 'x'))).toBe(false);
  });

  it('refuses unusable choices naming the option, and writes nothing', () => {
    const dir = path.join(root, 'bad');
    const r = mandate('init', dir, '--template', 'cash-aid', '--id', 'Bad Id', '--lang', 'fr', '--from', '2025-01-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--id  The program id "Bad Id" cannot be used');
    expect(r.stderr).toContain('--lang  "fr" is not a language the applicant pages speak');
    expect(r.stderr).toContain('--from  The program cannot start on 2025-01-01');
    expect(fs.existsSync(dir)).toBe(false);
    expect(mandate('init', dir).code).toBe(2);
  });
});
