/**
 * Stale translations on the command line: changing an English question title in a program folder makes
 * `mandate validate` report its Spanish translation as stale (and `--strict` fail); `mandate translations stamp`
 * records the sources of plain-string translations and leaves stale ones as they are, saying how many of each.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

function mandate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/mandate.js', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dirs: string[] = [];
function copyOfFoodBank(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mandate-translations-'));
  dirs.push(dir);
  fs.cpSync('programs/community-food-bank', dir, { recursive: true });
  return dir;
}
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) => fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Changes the English title of the "name" question in the folder's form.json. */
function retitleName(dir: string, title: string): void {
  const form = readJson(path.join(dir, 'form.json'));
  form.form.schema.properties.name.title = title;
  writeJson(path.join(dir, 'form.json'), form);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('mandate validate: stale translations', () => {
  it('reports the Spanish translation of a retitled question as stale, naming the old and new English; --strict fails', () => {
    const dir = copyOfFoodBank();
    expect(mandate('validate', dir, '--strict').code).toBe(0);
    retitleName(dir, 'Your full name');
    const loose = mandate('validate', dir);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain('valid, 0 errors, 1 warning');
    const line = loose.stderr.split('\n').find((l) => l.includes('translation.stale'));
    expect(line).toContain('i18n/es.json#/~1form~1schema~1properties~1name~1title  translation.stale (warning)  ');
    expect(line).toContain('written for the English "Your name", but that text is now "Your full name"');
    const strict = mandate('validate', dir, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('translation.stale (warning)');
  });
});

describe('mandate translations stamp', () => {
  it('records the sources of plain strings, keeps stale ones, counts each kind, and is idempotent', () => {
    const dir = copyOfFoodBank();
    const file = path.join(dir, 'i18n/es.json');
    // The older form: every translation a plain string.
    const recorded = readJson(file) as Record<string, { text: string; source: string }>;
    writeJson(file, Object.fromEntries(Object.entries(recorded).map(([k, v]) => [k, v.text])));
    const total = Object.keys(recorded).length;
    const unchecked = mandate('validate', dir, '--info');
    expect(unchecked.stderr).toContain(`translation.source-unrecorded (info)  translations.es has ${total} plain-string translations`);
    expect(mandate('validate', dir).stdout).toContain('valid, 0 errors, 0 warnings, 1 note (--info shows it)');

    // One translation already records an old source: stamping must leave it stale.
    const plain = readJson(file);
    plain['/form/schema/properties/name/title'] = { text: 'Su nombre', source: 'Name' };
    writeJson(file, plain);
    const stamp = mandate('translations', 'stamp', dir);
    expect(stamp.code).toBe(0);
    expect(stamp.stdout).toContain(`es: ${total - 1} translations now record their source, 0 already current, 1 stale (left as they are), 0 missing`);
    expect(stamp.stdout).toContain('stale: The es translation of /form/schema/properties/name/title was written for the English "Name"');
    const after = readJson(file);
    expect(after['/title']).toEqual(recorded['/title']);
    expect(after['/form/schema/properties/name/title']).toEqual({ text: 'Su nombre', source: 'Name' });

    const again = mandate('translations', 'stamp', dir);
    expect(again.stdout).toContain(`es: 0 translations now record their source, ${total - 1} already current, 1 stale (left as they are), 0 missing`);
    expect(readJson(file)).toEqual(after);
  });

  it('says what it needs when the action or folder is missing, and writes nothing for a folder with errors', () => {
    expect(mandate('translations').code).toBe(2);
    expect(mandate('translations', 'frobnicate', 'programs/community-food-bank').stderr).toContain('"frobnicate" is not a translations action');
    expect(mandate('translations', '--help').stdout).toContain('Usage: mandate translations stamp <program-folder>');
    const dir = copyOfFoodBank();
    const rules = readJson(path.join(dir, 'rules.json'));
    rules.rules[0].conditions = { all: [{ fact: 'nowhere', operator: 'equal', value: 1 }] };
    writeJson(path.join(dir, 'rules.json'), rules);
    const before = fs.readFileSync(path.join(dir, 'i18n/es.json'), 'utf8');
    const r = mandate('translations', 'stamp', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not stamped — fix its errors first');
    expect(fs.readFileSync(path.join(dir, 'i18n/es.json'), 'utf8')).toBe(before);
  });
});
